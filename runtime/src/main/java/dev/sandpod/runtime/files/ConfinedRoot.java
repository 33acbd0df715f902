package dev.sandpod.runtime.files;

import static dev.sandpod.core.sys.Syscalls.AT_EMPTY_PATH;
import static dev.sandpod.core.sys.Syscalls.O_CLOEXEC;
import static dev.sandpod.core.sys.Syscalls.O_DIRECTORY;
import static dev.sandpod.core.sys.Syscalls.O_NOCTTY;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_NONBLOCK;
import static dev.sandpod.core.sys.Syscalls.O_PATH;
import static dev.sandpod.core.sys.Syscalls.O_RDONLY;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A container's root (or any directory standing in for one) held open as an fd. Every path is resolved by the
 * kernel with openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) against that fd: absolute symlinks, {@code ..} and
 * symlinks swapped in mid-call all stay below it, and /proc magic links are never followed. Names are then used
 * only relative to a directory fd obtained that way, one component at a time and without following symlinks.
 */
public final class ConfinedRoot implements Closeable {
    /** How every lookup from the root resolves. */
    static final long IN_ROOT = Syscalls.RESOLVE_IN_ROOT | Syscalls.RESOLVE_NO_MAGICLINKS;
    /** How a single name below an already-resolved directory fd is opened: nothing followed, nothing crossed. */
    static final long ONE_NAME = Syscalls.RESOLVE_BENEATH | Syscalls.RESOLVE_NO_SYMLINKS | Syscalls.RESOLVE_NO_MAGICLINKS;
    static final long DIR_PATH = O_PATH | O_DIRECTORY | O_CLOEXEC;
    static final long DIR_READ = O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
    private static final int MAX_DANGLING_RETRIES = 2;

    private final Syscalls sys;
    private final int fd;
    private final String where;
    private boolean closed;

    /** Takes ownership of {@code rootFd} (an O_PATH directory fd). */
    ConfinedRoot(Syscalls sys, int rootFd, String where) {
        this.sys = sys;
        this.fd = rootFd;
        this.where = where;
    }

    /**
     * A directory the caller trusts by its path (a local copy's source or destination: a symlink to it is followed)
     * as the root; what is below it is resolved inside it like any container's files.
     *
     * @param where how messages name it, such as "the local directory /tmp/x"
     */
    public static ConfinedRoot ofDirectory(Syscalls sys, Path directory, String where) throws FilesException {
        try {
            return new ConfinedRoot(sys, sys.openat2(Syscalls.AT_FDCWD, directory.toString(), DIR_PATH, 0, 0), where);
        } catch (SyscallException e) {
            throw FileErrors.of(e, ContainerPath.ROOT, where);
        }
    }

    Syscalls sys() {
        return sys;
    }

    /** How messages name this root: "sandbox web", "container debug-1 of sandbox web", "the local directory /x". */
    public String where() {
        return where;
    }

    FilesException error(SyscallException e, ContainerPath path) {
        return FileErrors.of(e, path, where);
    }

    /** An O_PATH fd of {@code path}; with {@code followLast} false, a symlink at the end is opened itself. */
    int openPath(ContainerPath path, boolean followLast) throws FilesException {
        try {
            return sys.openat2(fd, path.relative(), O_PATH | O_CLOEXEC | (followLast ? 0 : O_NOFOLLOW), 0, IN_ROOT);
        } catch (SyscallException e) {
            throw error(e, path);
        }
    }

    /** A readable fd of the directory at {@code path} (a symlink at the end is followed, inside the root). */
    int openDirectory(ContainerPath path) throws FilesException {
        try {
            return sys.openat2(fd, path.relative(), DIR_READ, 0, IN_ROOT);
        } catch (SyscallException e) {
            throw error(e, path);
        }
    }

    /** An O_PATH fd of the directory holding {@code path}'s leaf; missing directories are made first with {@code create}. */
    int openParent(ContainerPath path, DirectoryCreation create) throws FilesException {
        ContainerPath parent = path.parent();
        return create == null ? openExistingDirectory(parent) : makeDirectories(parent, create);
    }

    int openExistingDirectory(ContainerPath dir) throws FilesException {
        try {
            return sys.openat2(fd, dir.relative(), DIR_PATH, 0, IN_ROOT);
        } catch (SyscallException e) {
            throw error(e, dir);
        }
    }

    /** How directories made on the way are made: with this mode and owner. */
    record DirectoryCreation(int mode, Owner owner) {
    }

    /**
     * {@code mkdir -p}: an O_PATH fd of {@code dir}, making each missing component (with the given mode and owner)
     * in the directory its prefix resolved to. A component that exists but is not a directory is NOT_A_DIRECTORY.
     */
    int makeDirectories(ContainerPath dir, DirectoryCreation create) throws FilesException {
        int current = openExistingDirectory(ContainerPath.ROOT);
        try {
            for (int i = 1; i <= dir.parts().size(); i++) {
                ContainerPath prefix = dir.prefix(i);
                int next = openOrMake(current, prefix, create);
                close(current);
                current = next;
            }
            int result = current;
            current = -1;
            return result;
        } finally {
            if (current >= 0) {
                close(current);
            }
        }
    }

    private int openOrMake(int parentFd, ContainerPath prefix, DirectoryCreation create) throws FilesException {
        for (int attempt = 0; ; attempt++) {
            try {
                // Re-resolved from the root: a symlink among the components leads where the container would go.
                return sys.openat2(fd, prefix.relative(), DIR_PATH, 0, IN_ROOT);
            } catch (SyscallException e) {
                if (!e.is(Errno.ENOENT)) {
                    throw error(e, prefix);
                }
            }
            if (prefix.leaf().equals("..") || attempt >= MAX_DANGLING_RETRIES) {
                throw new FilesException(FilesException.Problem.NOT_FOUND, prefix.toString(), prefix + " in " + where
                        + " can't be made: a dangling symlink is in the way", "remove the symlink or make its target first");
            }
            try {
                sys.mkdirat(parentFd, prefix.leaf(), 0700);
                setOwnerAndMode(parentFd, prefix.leaf(), prefix, create.owner(), create.mode());
            } catch (SyscallException e) {
                if (!e.is(Errno.EEXIST)) { // made meanwhile, or a dangling symlink: the next lookup tells
                    throw error(e, prefix);
                }
            }
        }
    }

    /**
     * Sets owner, then mode (chown clears setuid), of a directory just made by name in {@code parentFd}, through an fd
     * of it opened without following anything: a symlink swapped in meanwhile fails the open instead of being followed.
     */
    void setOwnerAndMode(int parentFd, String name, ContainerPath path, Owner owner, int mode) throws FilesException {
        int dirFd;
        try {
            dirFd = sys.openat2(parentFd, name, DIR_READ | O_NOFOLLOW, 0, ONE_NAME);
        } catch (SyscallException e) {
            throw error(e, path);
        }
        try {
            sys.fchownat(dirFd, "", owner.uid(), owner.gid(), AT_EMPTY_PATH);
            sys.fchmod(dirFd, mode);
        } catch (SyscallException e) {
            throw error(e, path);
        } finally {
            close(dirFd);
        }
    }

    /** What {@code fd} refers to. */
    FileStat stat(int anyFd, ContainerPath path) throws FilesException {
        try {
            return sys.statx(anyFd, "", AT_EMPTY_PATH);
        } catch (SyscallException e) {
            throw error(e, path);
        }
    }

    /** One name in a resolved directory, a symlink itself; empty if it is gone. */
    java.util.Optional<FileStat> statName(int dirFd, String name, ContainerPath path) throws FilesException {
        try {
            return java.util.Optional.of(sys.statx(dirFd, name, Syscalls.AT_SYMLINK_NOFOLLOW));
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return java.util.Optional.empty();
            }
            throw error(e, path);
        }
    }

    /** Closes an fd this root handed out; a failure to close is a bug, not a user's problem. */
    void close(int otherFd) {
        try {
            sys.close(otherFd);
        } catch (SyscallException e) {
            throw new IllegalStateException("closing fd " + otherFd + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sys.close(fd);
        }
    }
}
