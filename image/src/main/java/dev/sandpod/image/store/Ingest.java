package dev.sandpod.image.store;

import dev.sandpod.image.ref.Digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * One blob being written. Holds the blob's lock until closed. Resumable: {@link #offset()} bytes of an
 * earlier, killed attempt are already there and hashed; call {@link #restart()} if the source can't
 * continue from there.
 */
public final class Ingest implements AutoCloseable {
    private final ContentStore store;
    private final Digest expected;
    private final long expectedSize;
    private final String origin;
    private final KeyedLock.Held lock;
    private final Path partial;
    private final boolean alreadyStored;
    private MessageDigest hasher;
    private long written;

    Ingest(ContentStore store, Digest expected, long expectedSize, String origin, KeyedLock.Held lock) throws IOException {
        this.store = store;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.origin = origin;
        this.lock = lock;
        this.partial = store.partialPath(expected);
        this.alreadyStored = store.has(expected);
        this.hasher = expected.newHasher();
        if (!alreadyStored && Files.isRegularFile(partial)) {
            if (Files.size(partial) > expectedSize) {
                Files.delete(partial);
            } else {
                try (InputStream in = Files.newInputStream(partial)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        hasher.update(buffer, 0, n);
                        written += n;
                    }
                }
            }
        }
    }

    /** True when the blob was already in the store (perhaps written by a concurrent pull): nothing to do. */
    public boolean alreadyStored() {
        return alreadyStored;
    }

    /** Bytes already written by an earlier attempt; the source should continue from here. */
    public long offset() {
        return written;
    }

    public Digest digest() {
        return expected;
    }

    /** Drops what an earlier attempt wrote, for a source that can only start from the beginning. */
    public void restart() throws IOException {
        Files.deleteIfExists(partial);
        hasher = expected.newHasher();
        written = 0;
    }

    /** Appends to the blob; checks the size as it goes so a lying source can't fill the disk. */
    public OutputStream output() throws IOException {
        Files.createDirectories(partial.getParent());
        OutputStream file = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new FilterOutputStream(file) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > expectedSize) {
                    throw new IOException(new BlobVerificationException(expected, origin,
                            "more than the announced " + expectedSize + " bytes"));
                }
                out.write(b, off, len);
                hasher.update(b, off, len);
                written += len;
            }
        };
    }

    /** Checks size and digest, then makes the blob visible. On a mismatch the partial file is deleted. */
    public void commit() throws BlobVerificationException, IOException {
        if (alreadyStored) {
            return;
        }
        if (written != expectedSize) {
            abandon();
            throw new BlobVerificationException(expected, origin, "got " + written + " bytes, expected " + expectedSize);
        }
        MessageDigest copy = hasher;
        if (!expected.matches(copy)) {
            abandon();
            throw new BlobVerificationException(expected, origin, "its content has another digest");
        }
        Path target = store.blobPath(expected);
        Files.createDirectories(target.getParent());
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Deletes what was written; used when the content is known bad or the disk is full. */
    public void abandon() throws IOException {
        Files.deleteIfExists(partial);
        written = 0;
        hasher = expected.newHasher();
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }
}
