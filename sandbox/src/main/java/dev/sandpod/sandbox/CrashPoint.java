package dev.sandpod.sandbox;

import java.io.PrintStream;

/**
 * A test hook for crash tests: with {@code -Dsandpod.test.crashAt=POINT}, reaching that point prints
 * {@code crash point POINT} on stdout and blocks forever, so the test can {@code kill -9} the process there. Does
 * nothing unless the property is set.
 */
final class CrashPoint {
    static final String PROPERTY = "sandpod.test.crashAt";

    private CrashPoint() {
    }

    static void reach(String point) {
        if (!point.equals(System.getProperty(PROPERTY))) {
            return;
        }
        PrintStream out = System.out;
        out.println("crash point " + point);
        out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // only SIGKILL ends this
            }
        }
    }
}
