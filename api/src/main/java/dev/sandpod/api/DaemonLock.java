package dev.sandpod.api;

import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that makes a root's daemon the only one: an exclusive lock on RUNTIME_DIR/daemon.lock, held for
 * the daemon's life (the kernel drops it if the daemon dies, so a crash never leaves a stale lock). The
 * file holds the holder's pid, for messages.
 */
public final class DaemonLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static DaemonLock acquire(RootLayout layout) throws DaemonAlreadyRunningException, DaemonStartFailedException {
        Path file = layout.daemonLock();
        FileChannel channel = null;
        try {
            Files.createDirectories(layout.runtimeDir());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
                channel.close();
                throw new DaemonAlreadyRunningException(layout.root(), holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return new DaemonLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new DaemonStartFailedException("can't take the daemon lock " + file + ": " + e.getMessage(),
                    "check that the runtime directory " + layout.runtimeDir() + " is writable", e);
        }
    }

    /** Whether some daemon (in any process) holds the root's lock now. */
    public static boolean isHeld(RootLayout layout) {
        try {
            DaemonLock probe = acquire(layout);
            probe.close();
            return false;
        } catch (DaemonAlreadyRunningException e) {
            return true;
        } catch (DaemonStartFailedException | IOException e) {
            return false;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // this very JVM holds it: a daemon runs in-process
        }
    }

    private static void closeQuietly(FileChannel channel, IOException cause) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }
}
