package dev.sandpod.api.http;

import java.io.PrintStream;
import java.time.Instant;

/**
 * The daemon's log: one timestamped line per event on standard output (the root's daemon.log when started
 * in the background, the journal under systemd). Request lines carry the method, path, status and time,
 * never a body, so no password can reach it.
 */
public final class DaemonLog {
    private static final PrintStream OUT = System.out;

    private DaemonLog() {
    }

    public static void info(String message) {
        synchronized (OUT) {
            OUT.println(Instant.now() + " " + message);
            OUT.flush();
        }
    }

    public static void failure(String message, Throwable failure) {
        synchronized (OUT) {
            OUT.println(Instant.now() + " " + message);
            failure.printStackTrace(OUT);
            OUT.flush();
        }
    }
}
