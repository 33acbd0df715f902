package dev.sandpod.client.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Exactly Content-Length bytes of the connection. */
final class LengthInputStream extends InputStream {
    private final InputStream in;
    private long left;

    LengthInputStream(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left == 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the daemon closed the connection with " + left + " bytes of the body still to come");
        }
        left -= n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
