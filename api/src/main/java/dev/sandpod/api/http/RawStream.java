package dev.sandpod.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * An answer body written as raw bytes. Nothing is sent until the first write (or {@link #start()}): until then the
 * operation may still fail with a JSON error. Closing it does nothing; the handler ends the response.
 */
public final class RawStream extends OutputStream {
    private final Supplier<OutputStream> begin;
    private OutputStream out;

    RawStream(Supplier<OutputStream> begin) {
        this.begin = begin;
    }

    /** Commits to the raw answer (status and content type) even if no byte follows: an empty file. */
    public OutputStream start() {
        if (out == null) {
            out = begin.get();
        }
        return out;
    }

    @Override
    public void write(int b) throws IOException {
        start().write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        start().write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() {
        // the handler ends the response (or cuts it after a failure)
    }
}
