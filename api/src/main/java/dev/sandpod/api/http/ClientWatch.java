package dev.sandpod.api.http;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs work that streams its progress to a client on a thread of its own, and interrupts it once the client has
 * gone. A pull or push nobody waits for any more (its CLI was killed, or stopped with Ctrl-C) stops as it did when
 * the CLI did the work itself, as {@code docker pull} does: what it fetched stays for the next one to resume. A
 * quiet stream gets an empty line every second, which is also how a silent client's departure is noticed.
 */
public final class ClientWatch {
    static final long POLL_MILLIS = 100;
    static final long KEEP_ALIVE_MILLIS = 1000;

    private ClientWatch() {
    }

    /**
     * The work's result, or empty when the client went away first (the work was interrupted and has ended).
     *
     * @throws Exception what the work threw
     */
    public static <T> Optional<T> run(NdjsonStream stream, String what, Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = Thread.ofVirtual().name("api-" + what).start(task);
        long lastKeepAlive = System.nanoTime();
        while (true) {
            try {
                return Optional.of(task.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw rethrowable(e.getCause());
            } catch (InterruptedException e) {
                worker.interrupt(); // the daemon is stopping this request: its work stops with it
                throw e;
            } catch (TimeoutException stillRunning) {
                if (System.nanoTime() - lastKeepAlive > TimeUnit.MILLISECONDS.toNanos(KEEP_ALIVE_MILLIS)) {
                    stream.keepAlive();
                    lastKeepAlive = System.nanoTime();
                }
                if (stream.clientGone()) {
                    worker.interrupt();
                    awaitEnd(task, what);
                    return Optional.empty();
                }
            }
        }
    }

    /** Waits until the interrupted work has ended, so the store is settled before the request is. */
    private static void awaitEnd(FutureTask<?> task, String what) throws InterruptedException {
        try {
            task.get();
            DaemonLog.info(what + ": the client went away; it had finished anyway");
        } catch (ExecutionException e) {
            DaemonLog.info(what + ": the client went away; stopped: " + e.getCause().getMessage());
        }
    }

    private static Exception rethrowable(Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        return (Exception) cause;
    }
}
