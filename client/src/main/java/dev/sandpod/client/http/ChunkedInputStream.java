package dev.sandpod.client.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads a chunked HTTP/1.1 body; ends at the last chunk (trailers are skipped). */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done || !nextChunk()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw new EOFException("the daemon closed the connection in the middle of a chunk");
        }
        left -= n;
        if (left == 0) {
            HttpWire.readLine(in);
        }
        return n;
    }

    private boolean nextChunk() throws IOException {
        if (left > 0) {
            return true;
        }
        String line = HttpWire.readLine(in);
        int semicolon = line.indexOf(';');
        String hex = (semicolon >= 0 ? line.substring(0, semicolon) : line).strip();
        try {
            left = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size from the daemon: '" + line + "'", e);
        }
        if (left == 0) {
            while (!HttpWire.readLine(in).isEmpty()) {
                // trailers: none are used
            }
            done = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
