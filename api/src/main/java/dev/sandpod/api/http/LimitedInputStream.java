package dev.sandpod.api.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that fails with {@link BodyTooLargeException} once more than {@code limit} bytes came. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long seen;
    private volatile boolean overflowed;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    /** Whether the body went past its limit (whatever the reader made of the exception). */
    boolean overflowed() {
        return overflowed;
    }

    long limit() {
        return limit;
    }

    private void count(int n) throws BodyTooLargeException {
        seen += n;
        if (seen > limit) {
            overflowed = true;
            throw new BodyTooLargeException(limit);
        }
    }
}
