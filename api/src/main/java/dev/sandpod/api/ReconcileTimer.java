package dev.sandpod.api;

import dev.sandpod.api.http.DaemonLog;
import dev.sandpod.sandbox.Reconciler;
import dev.sandpod.sandbox.SandboxException;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Reconciler#reconcileOnce} on one platform thread, with {@code interval} between the end of a pass
 * and the start of the next. A failing pass is logged and the next one runs anyway. {@link #stop()} ends the
 * timer after the pass in progress; it never touches containers.
 */
final class ReconcileTimer implements AutoCloseable {
    private final ScheduledExecutorService executor;

    private ReconcileTimer(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static ReconcileTimer start(Reconciler reconciler, Duration interval) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("sandpod-reconciler").daemon(true).factory());
        executor.scheduleWithFixedDelay(() -> pass(reconciler), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return new ReconcileTimer(executor);
    }

    private static void pass(Reconciler reconciler) {
        try {
            for (SandboxException failure : reconciler.reconcileOnce(Instant.now())) {
                DaemonLog.info("reconcile: " + failure.getMessage());
            }
        } catch (SandboxException | RuntimeException e) {
            DaemonLog.failure("reconcile pass failed", e); // never let one pass end the timer
        }
    }

    void stop() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                DaemonLog.info("the reconcile pass in progress did not end within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
