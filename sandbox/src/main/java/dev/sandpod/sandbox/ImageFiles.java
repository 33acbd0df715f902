package dev.sandpod.sandbox;

import dev.sandpod.core.sys.LinuxSyscalls;
import dev.sandpod.core.sys.Syscalls;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerStore;
import dev.sandpod.runtime.MountFailedException;
import dev.sandpod.runtime.RootfsMount;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads small files of an image as its containers see them, from its unpacked layers (never the host's files):
 * topmost layer first, with the overlayfs whiteouts (0/0 character devices) and opaque directories the unpacker
 * made honoured, as the overlay mount would.
 */
final class ImageFiles {
    /** Bigger than any sane passwd; a hostile layer can't make the daemon read gigabytes. */
    static final int MAX_BYTES = 4 << 20;
    private static final String OPAQUE = "trusted.overlay.opaque";

    private final LayerStore layers;
    private final Syscalls sys;

    ImageFiles(RootLayout layout, Syscalls sys) {
        this.layers = new LayerStore(layout.layersDir(), layout.locksDir(), (blob, target, label) -> {
            throw new UnsupportedOperationException("only reads unpacked layers");
        });
        this.sys = sys;
    }

    ImageFiles(RootLayout layout) {
        this(layout, new LinuxSyscalls());
    }

    /** The image's /etc/passwd and /etc/group (empty when it has none). */
    ImageUsers users(ImageRecord image, String sandbox) throws SandboxException {
        try {
            List<Path> lowers = RootfsMount.lowerDirs(image, layers);
            return ImageUsers.parse(read(lowers, "etc/passwd").orElse(""), read(lowers, "etc/group").orElse(""));
        } catch (MountFailedException | IOException e) {
            throw new SandboxSetupException(sandbox, "reading the image's /etc/passwd and /etc/group", e);
        }
    }

    /** The file at {@code relative} (like etc/passwd) in the merged layers; empty if absent, deleted or not a file. */
    Optional<String> read(List<Path> topmostFirst, String relative) throws IOException {
        String[] parts = relative.split("/");
        for (Path layer : topmostFirst) {
            Path at = layer;
            boolean opaque = false;
            boolean absent = false;
            for (int i = 0; i < parts.length; i++) {
                at = at.resolve(parts[i]);
                Optional<BasicFileAttributes> attrs = attributes(at);
                if (attrs.isEmpty()) {
                    absent = true;
                    break;
                }
                if (whiteout(at, attrs.get())) {
                    return Optional.empty(); // deleted in this layer: the lower ones don't show through
                }
                boolean last = i == parts.length - 1;
                if (last) {
                    return attrs.get().isRegularFile() ? Optional.of(readSmall(at)) : Optional.empty();
                }
                if (!attrs.get().isDirectory()) {
                    return Optional.empty(); // a file (or link) where a directory is wanted hides the lower ones
                }
                opaque |= sys.lgetxattr(at.toString(), OPAQUE).map(v -> v.length == 1 && v[0] == 'y').orElse(false);
            }
            if (absent && opaque) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<BasicFileAttributes> attributes(Path path) throws IOException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static boolean whiteout(Path path, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isOther()) {
            return false;
        }
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) unix.get("mode");
        long rdev = (Long) unix.get("rdev");
        return (mode & 0170000) == 0020000 && rdev == 0;
    }

    private static String readSmall(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new IOException(file + " is bigger than " + MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
