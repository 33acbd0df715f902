package dev.sandpod.runtime.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A regular file opened for reading: what it was when opened, and its bytes. The stream fails with a
 * {@link FileGrewException} if the file grows past the read's limit while it is read; the caller closes it.
 */
public record ReadableFile(FileInfo info, InputStream content) implements Closeable {
    @Override
    public void close() throws IOException {
        content.close();
    }
}
