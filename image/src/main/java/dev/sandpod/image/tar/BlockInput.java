package dev.sandpod.image.tar;

import java.io.IOException;
import java.io.InputStream;

/** The archive stream with its byte offset; skips by reading, so digesting wrappers below see every byte. */
final class BlockInput {
    private final InputStream in;
    private final byte[] scratch = new byte[64 * 1024];
    private long offset;

    BlockInput(InputStream in) {
        this.in = in;
    }

    long offset() {
        return offset;
    }

    /** Reads up to {@code length} bytes, fewer only at end of stream. */
    int readFully(byte[] buffer, int start, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buffer, start + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        offset += total;
        return total;
    }

    int read(byte[] buffer, int start, int length) throws IOException {
        int n = in.read(buffer, start, length);
        if (n > 0) {
            offset += n;
        }
        return n;
    }

    /** Discards up to {@code count} bytes; returns how many were there. */
    long discard(long count) throws IOException {
        long done = 0;
        while (done < count) {
            int n = readFully(scratch, 0, (int) Math.min(scratch.length, count - done));
            if (n == 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    void close() throws IOException {
        in.close();
    }
}
