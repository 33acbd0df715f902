package dev.sandpod.sandbox;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per sandbox id: an operation (run, stop, remove, a reconcile pass over it) holds its sandbox's lock, so
 * the reconciler never restarts a container that remove is deleting. Different sandboxes proceed in parallel.
 */
final class SandboxLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Holds the lock until closed. */
    Held lock(String sandboxId) {
        ReentrantLock lock = locks.computeIfAbsent(sandboxId, id -> new ReentrantLock());
        lock.lock();
        return lock::unlock;
    }

    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
