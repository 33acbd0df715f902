package dev.sandpod.image.store;

import dev.sandpod.core.IoErrors;

import dev.sandpod.image.ref.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Blobs by digest under {@code content/blobs/ALG/HEX}. A write is an {@link Ingest} that becomes visible only
 * when {@link Ingest#commit} has checked its size and digest, by an atomic rename; a killed writer leaves
 * only a partial file under {@code content/ingest/}, which the next ingest of the same digest resumes.
 */
public final class ContentStore {
    private final Path blobsDir;
    private final Path ingestDir;
    private final KeyedLock locks;

    public ContentStore(Path contentDir) {
        this.blobsDir = contentDir.resolve("blobs");
        this.ingestDir = contentDir.resolve("ingest");
        this.locks = new KeyedLock(ingestDir);
    }

    public Path blobPath(Digest digest) {
        return blobsDir.resolve(digest.algorithm()).resolve(digest.hex());
    }

    public boolean has(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    public InputStream open(Digest digest) throws StoreException {
        try {
            return Files.newInputStream(blobPath(digest));
        } catch (NoSuchFileException e) {
            throw new StoreException("blob " + digest + " is missing from the image store",
                    "pull the image again; `sandpod image prune` may have removed it", e);
        } catch (IOException e) {
            throw new StoreException("can't read blob " + digest + ": " + IoErrors.describe(e), "check the state root", e);
        }
    }

    public byte[] read(Digest digest) throws StoreException {
        try (InputStream in = open(digest)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StoreException("can't read blob " + digest + ": " + IoErrors.describe(e), "check the state root", e);
        }
    }

    public Optional<Long> size(Digest digest) {
        try {
            return Optional.of(Files.size(blobPath(digest)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts (or resumes) writing a blob whose digest and size are known. Blocks while another thread or
     * process ingests the same digest; afterwards {@link Ingest#alreadyStored()} says if it finished it.
     */
    public Ingest ingest(Digest expected, long expectedSize, String origin) throws StoreException {
        KeyedLock.Held held;
        try {
            held = locks.acquire(expected.algorithm() + "-" + expected.hex());
        } catch (IOException e) {
            throw StoreException.writing("a lock for " + expected, ingestDir, e);
        }
        try {
            return new Ingest(this, expected, expectedSize, origin, held);
        } catch (IOException e) {
            try {
                held.close();
            } catch (IOException unlock) {
                e.addSuppressed(unlock);
            }
            throw StoreException.writing("blob " + expected, ingestDir, e);
        }
    }

    /** Stores bytes whose digest is computed here (manifests and configs sandpod writes itself). */
    public Digest put(byte[] content) throws StoreException {
        Digest digest = Digest.sha256(content);
        try (Ingest ingest = ingest(digest, content.length, "sandpod")) {
            if (!ingest.alreadyStored()) {
                ingest.restart();
                try (OutputStream out = ingest.output()) {
                    out.write(content);
                }
                ingest.commit();
            }
        } catch (IOException e) {
            throw StoreException.writing("blob " + digest, blobsDir, e);
        } catch (BlobVerificationException e) {
            throw new IllegalStateException("bytes hashed here can't mismatch", e);
        }
        return digest;
    }

    /** Stores a stream whose digest is not known up front (archive entries); returns its digest and size. */
    public Stored putStream(InputStream in) throws StoreException {
        Path temp = null;
        try {
            Files.createDirectories(ingestDir);
            temp = Files.createTempFile(ingestDir, "stream-", ".partial");
            MessageDigest hasher = Digest.newSha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), hasher)) {
                size = in.transferTo(out);
            }
            Digest digest = Digest.ofSha256(hasher);
            Path target = blobPath(digest);
            boolean added = !Files.exists(target);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            return new Stored(digest, size, added);
        } catch (IOException e) {
            throw StoreException.writing("an archive entry", ingestDir, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // The partial file is swept by prune; the original failure is what the user needs.
                    System.getLogger(ContentStore.class.getName()).log(System.Logger.Level.DEBUG, "can't remove " + temp, e);
                }
            }
        }
    }

    /** @param added false when the store already had this blob */
    public record Stored(Digest digest, long size, boolean added) {
    }

    public void delete(Digest digest) throws StoreException {
        try {
            Files.deleteIfExists(blobPath(digest));
        } catch (IOException e) {
            throw new StoreException("can't remove blob " + digest + ": " + IoErrors.describe(e), "check the state root", e);
        }
    }

    /** Every stored blob. */
    public List<Digest> list() throws StoreException {
        List<Digest> out = new ArrayList<>();
        for (String algorithm : List.of("sha256", "sha512")) {
            Path dir = blobsDir.resolve(algorithm);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    try {
                        out.add(new Digest(algorithm, file.getFileName().toString()));
                    } catch (IllegalArgumentException notABlob) {
                        // Stray files are not blobs; prune ignores them rather than deleting the unknown.
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new StoreException("can't list blobs in " + dir + ": " + e.getMessage(), "check the state root", e);
            }
        }
        return out;
    }

    /** Removes partial ingests nobody is writing (left by killed pulls); returns bytes freed. */
    public long sweepPartials() throws StoreException {
        long freed = 0;
        if (!Files.isDirectory(ingestDir)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(ingestDir, "*.partial")) {
            for (Path file : files) {
                String key = file.getFileName().toString().replaceFirst("\\.partial$", "");
                try (KeyedLock.Held held = locks.acquire(key)) {
                    long size = Files.size(file);
                    if (Files.deleteIfExists(file)) {
                        freed += size;
                    }
                } catch (NoSuchFileException gone) {
                    // Finished by its writer while we waited for the lock.
                }
            }
        } catch (IOException e) {
            throw new StoreException("can't sweep " + ingestDir + ": " + IoErrors.describe(e), "check the state root", e);
        }
        return freed;
    }

    Path partialPath(Digest digest) {
        return ingestDir.resolve(digest.algorithm() + "-" + digest.hex() + ".partial");
    }
}
