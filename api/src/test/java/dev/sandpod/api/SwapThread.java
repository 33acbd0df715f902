package dev.sandpod.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Swaps a path between a directory and a symlink as fast as it can, by renames in the same directory, the way a
 * hostile container would: {@code at} is the directory, then the symlink ({@code link}), then the directory again.
 */
final class SwapThread {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private final Thread thread;

    private SwapThread(Path at, Path link, Path parking) {
        thread = Thread.ofPlatform().name("swapper").start(() -> {
            try {
                while (!stop.get()) {
                    Files.move(at, parking, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(link, at, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(at, link, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(parking, at, StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                }
            } catch (IOException e) {
                failure.set(e);
            }
        });
    }

    static SwapThread start(Path at, Path link, Path parking) {
        return new SwapThread(at, link, parking);
    }

    long swaps() {
        return swaps.get();
    }

    /** Stops it, and fails if a rename failed (the test then proved nothing). */
    void stop() throws Exception {
        stop.set(true);
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the swapper failed after " + swaps.get() + " swaps", failure.get());
        }
    }
}
