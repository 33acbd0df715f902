package dev.sandpod.image.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock per key that holds across threads and processes: two pulls of the same blob or layer, in one
 * daemon or in two CLI processes, do the work once; the second waits and then finds it done.
 * The JVM can't take the same file lock twice, hence the in-process lock in front of it.
 */
final class KeyedLock {
    /** In-process locks by lock file, shared by every KeyedLock of the JVM (one store may be opened many times). */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();
    private final Path dir;

    KeyedLock(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** A held lock; close releases it. */
    interface Held extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    Held acquire(String key) throws IOException {
        ReentrantLock threadLock = LOCAL.computeIfAbsent(dir.resolve(key + ".lock"), k -> new ReentrantLock());
        threadLock.lock();
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(key + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock;
            try {
                fileLock = channel.lock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return () -> {
                try (channel) {
                    fileLock.release();
                } finally {
                    threadLock.unlock();
                }
            };
        } catch (IOException | RuntimeException e) {
            threadLock.unlock();
            throw e;
        }
    }
}
