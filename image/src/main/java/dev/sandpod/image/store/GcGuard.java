package dev.sandpod.image.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps garbage collection away from blobs that a pull or load has stored but not yet recorded: writers
 * hold a shared lock for their whole run, collection takes it exclusively. Works across processes (a file
 * lock) and across threads of one process (a read-write lock and a count, since the JVM can't hold one file
 * lock twice).
 */
public final class GcGuard {
    /** The in-process side of one lock file, shared by every GcGuard of the JVM on that root (one ImageService per request). */
    private static final class Shared {
        final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
        final Object monitor = new Object();
        int writers;
        FileChannel sharedChannel;
        FileLock sharedLock;
    }

    private static final ConcurrentHashMap<Path, Shared> BY_FILE = new ConcurrentHashMap<>();
    private final Path lockFile;
    private final ReentrantReadWriteLock threads;
    private final Object monitor;
    private final Shared state;

    public GcGuard(Path locksDir) {
        this.lockFile = locksDir.resolve("gc.lock").toAbsolutePath().normalize();
        this.state = BY_FILE.computeIfAbsent(lockFile, f -> new Shared());
        this.threads = state.threads;
        this.monitor = state.monitor;
    }

    public interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Held while adding content; many may hold it at once. */
    public Held writing() throws IOException {
        threads.readLock().lock();
        try {
            synchronized (monitor) {
                if (state.writers == 0) {
                    FileChannel channel = open();
                    try {
                        state.sharedLock = channel.lock(0, Long.MAX_VALUE, true);
                    } catch (IOException | RuntimeException e) {
                        channel.close();
                        throw e;
                    }
                    state.sharedChannel = channel;
                }
                state.writers++;
            }
        } catch (IOException | RuntimeException e) {
            threads.readLock().unlock();
            throw e;
        }
        return () -> {
            try {
                synchronized (monitor) {
                    state.writers--;
                    if (state.writers == 0) {
                        try (FileChannel c = state.sharedChannel) {
                            state.sharedLock.release();
                        }
                    }
                }
            } finally {
                threads.readLock().unlock();
            }
        };
    }

    /** Held while collecting; waits for every writer in every process. */
    public Held collecting() throws IOException {
        threads.writeLock().lock();
        try {
            FileChannel channel = open();
            FileLock lock;
            try {
                lock = channel.lock(0, Long.MAX_VALUE, false);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return () -> {
                try (channel) {
                    lock.release();
                } finally {
                    threads.writeLock().unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            threads.writeLock().unlock();
            throw e;
        }
    }

    private FileChannel open() throws IOException {
        Files.createDirectories(lockFile.getParent());
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }
}
