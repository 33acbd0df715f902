package dev.sandpod.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a benchmark made (a daemon, a sandbox, a podman container, a temporary root), undone in reverse order on
 * {@link #close}, or at JVM exit when the bench never got there (Ctrl-C), so a bench leaves nothing behind either way.
 * Every step runs even when one before it fails; the first failure is thrown with the others suppressed.
 */
final class BenchCleanup implements AutoCloseable {
    /** One undo step. */
    @FunctionalInterface
    interface Step {
        void undo() throws Exception;
    }

    private record Named(String what, Step step) {
    }

    private final Deque<Named> steps = new ArrayDeque<>();
    private final Thread hook = new Thread(this::closeAtExit, "bench-cleanup");

    BenchCleanup() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers a step, to run before every step registered earlier. */
    synchronized void add(String what, Step step) {
        steps.push(new Named(what, step));
    }

    @Override
    public synchronized void close() throws BenchFailedException {
        BenchFailedException failure = null;
        while (!steps.isEmpty()) {
            Named next = steps.pop();
            try {
                next.step().undo();
            } catch (Exception e) {
                BenchFailedException f = new BenchFailedException("the bench could not " + next.what() + ": " + e.getMessage(),
                        "remove it by hand; `sandpod doctor --root DIR` cleans a left-over sandpod root", e);
                if (failure == null) {
                    failure = f;
                } else {
                    failure.addSuppressed(f);
                }
            }
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook finds nothing left to do
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeAtExit() {
        try {
            close();
        } catch (BenchFailedException e) {
            System.err.println("sandpod: " + e.getMessage());
            e.hint().ifPresent(h -> System.err.println("hint: " + h));
        }
    }
}
