package dev.sandpod.api.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response of newline-delimited JSON events, each flushed as it is written. Safe from several threads.
 * Once the client has gone, further events are dropped (the operation finishes what it started).
 */
public final class NdjsonStream {
    private final OutputStream out;
    private boolean clientGone;

    NdjsonStream(OutputStream out) {
        this.out = out;
    }

    /** Writes one event; false once the client has gone. */
    public synchronized boolean send(Object event) {
        if (clientGone) {
            return false;
        }
        try {
            out.write(ApiJson.write(event));
            out.write('\n');
            out.flush();
            return true;
        } catch (IOException e) {
            clientGone = true;
            return false;
        }
    }

    /** Writes an empty line (readers skip it) so a quiet stream notices a client that has gone; false once it has. */
    public synchronized boolean keepAlive() {
        if (clientGone) {
            return false;
        }
        try {
            out.write('\n');
            out.flush();
            return true;
        } catch (IOException e) {
            clientGone = true;
            return false;
        }
    }

    public synchronized boolean clientGone() {
        return clientGone;
    }
}
