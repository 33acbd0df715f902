package dev.sandpod.image.unpack;

import dev.sandpod.core.sys.Syscalls;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Unpacks one uncompressed layer tar into an empty directory that will be an overlayfs lower dir.
 * Names and symlinks resolve inside that directory (see {@link LayerRoot}); entries that would climb out are
 * refused with {@link UnsafeArchiveException}. On failure the directory holds a partial layer: the caller removes it.
 */
public final class LayerUnpacker {
    private final Syscalls sys;

    public LayerUnpacker(Syscalls sys) {
        this.sys = sys;
    }

    public UnpackResult unpack(InputStream uncompressedTar, Path targetDir, String layerLabel)
            throws UnsafeArchiveException, IOException {
        MessageDigest sha256 = Digest.newSha256();
        DigestInputStream digesting = new DigestInputStream(uncompressedTar, sha256);
        long entries = 0;
        try (LayerRoot root = new LayerRoot(sys, targetDir)) {
            EntryApplier applier = new EntryApplier(sys, root, layerLabel);
            TarReader reader = new TarReader(digesting);
            for (Optional<TarEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                applier.apply(entry.get(), reader.content());
                entries++;
            }
            applier.finishDirectoryTimes();
            // The DiffID covers every byte of the stream, including padding after the end-of-archive blocks.
            digesting.transferTo(OutputStream.nullOutputStream());
            return new UnpackResult(entries, applier.bytesWritten(), Digest.ofSha256(sha256));
        }
    }
}
