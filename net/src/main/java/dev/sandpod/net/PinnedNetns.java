package dev.sandpod.net;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.core.sys.SyscallException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A network namespace kept alive by a bind mount of its nsfs file onto {@link #path()}, with no process in it.
 * Hand {@link #path()} to runc ({@code linux.namespaces[{type: network, path}]}), CNI ({@code CNI_NETNS}) or
 * {@code nsenter --net=PATH}. {@link #remove()} (or {@link #close()}) unmounts and deletes the pin; it is
 * idempotent and safe to call from several threads, and tolerates a pin that another process already removed.
 * Once the last mount and the last process are gone, the kernel frees the namespace with every interface in it.
 */
public final class PinnedNetns implements AutoCloseable {
    private final Path path;
    private final String name;
    private final Mounts mounts;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean removed;

    PinnedNetns(Path path, String name, Mounts mounts) {
        this.path = path;
        this.name = name;
        this.mounts = mounts;
    }

    /** The pin file: a path any process can open or pass to setns(2). */
    public Path path() {
        return path;
    }

    /** The pin's name, the file name under the root's netns directory. */
    public String name() {
        return name;
    }

    /** Whether {@link #remove()} has completed on this object. */
    public boolean isRemoved() {
        lock.lock();
        try {
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unmounts the pin (MNT_DETACH, so a process still holding the namespace open doesn't make it fail) and deletes
     * the file. A pin that is not mounted (EINVAL) or not there (ENOENT) counts as removed.
     */
    public void remove() throws NetnsException {
        lock.lock();
        try {
            if (removed) {
                return;
            }
            try {
                mounts.umount2(path.toString(), Mounts.MNT_DETACH | Mounts.UMOUNT_NOFOLLOW);
            } catch (SyscallException e) {
                if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) {
                    throw new NetnsException(path, "could not unmount the network namespace pin " + path + ": "
                            + e.getMessage(), "run `sandpod doctor` as root to remove leftover pins", e);
                }
            }
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new NetnsException(path, "could not delete the network namespace pin file " + path + ": " + e,
                        "check that the runtime directory is writable by root", e);
            }
            removed = true;
        } finally {
            lock.unlock();
        }
    }

    /** Same as {@link #remove()}. */
    @Override
    public void close() throws NetnsException {
        remove();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PinnedNetns that && that.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "PinnedNetns[" + path + "]";
    }
}
