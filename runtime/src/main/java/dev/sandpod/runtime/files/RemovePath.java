package dev.sandpod.runtime.files;

import static dev.sandpod.core.sys.Syscalls.AT_REMOVEDIR;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rm [-r]}: removes the name itself (a symlink, never its target). Recursively, a tree is walked through
 * directory fds opened one name at a time without following symlinks or crossing mounts: an entry swapped for a
 * symlink mid-walk is removed as a symlink, and a mount point (a volume, /proc) stops the removal with an error.
 */
final class RemovePath {
    /** Deeper trees than this are refused rather than risk the daemon's stack. */
    static final int MAX_DEPTH = 512;
    private static final long SUBDIR = Syscalls.RESOLVE_BENEATH | Syscalls.RESOLVE_NO_SYMLINKS
            | Syscalls.RESOLVE_NO_MAGICLINKS | Syscalls.RESOLVE_NO_XDEV;

    private final ConfinedRoot root;

    RemovePath(ConfinedRoot root) {
        this.root = root;
    }

    void remove(ContainerPath path, boolean recursive) throws FilesException {
        if (!path.hasNamedLeaf()) {
            throw new FilesException(FilesException.Problem.INVALID_PATH, path.toString(), path + " in " + root.where()
                    + (path.isRoot() ? " is the root; it can't be removed" : " ends with '..'"),
                    path.isRoot() ? "remove what is in it instead" : "name what to remove by its own name");
        }
        int parentFd = root.openParent(path, null);
        try {
            FileStat stat = root.statName(parentFd, path.leaf(), path)
                    .orElseThrow(() -> FilesException.notFound(path, root.where()));
            if (stat.isDirectory() && recursive) {
                removeTree(parentFd, path.leaf(), path, 0);
            } else {
                unlink(parentFd, path.leaf(), path, stat.isDirectory());
            }
        } finally {
            root.close(parentFd);
        }
    }

    private void removeTree(int parentFd, String name, ContainerPath path, int depth) throws FilesException {
        if (depth > MAX_DEPTH) {
            throw new FilesException(FilesException.Problem.FAILED, path.toString(), path + " in " + root.where()
                    + " is more than " + MAX_DEPTH + " directories deep", "remove its deepest parts first", Map.of(), null);
        }
        int dirFd;
        try {
            dirFd = root.sys().openat2(parentFd, name, ConfinedRoot.DIR_READ | O_NOFOLLOW, 0, SUBDIR);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOTDIR) || e.is(Errno.ELOOP)) {
                unlink(parentFd, name, path, false); // no longer a directory: swapped meanwhile
                return;
            }
            throw root.error(e, path);
        }
        try {
            for (String child : names(dirFd, path)) {
                ContainerPath childPath = path.child(child);
                Optional<FileStat> stat = root.statName(dirFd, child, childPath);
                if (stat.isEmpty()) {
                    continue;
                }
                if (stat.get().isDirectory()) {
                    removeTree(dirFd, child, childPath, depth + 1);
                } else {
                    unlink(dirFd, child, childPath, false);
                }
            }
        } finally {
            root.close(dirFd);
        }
        unlink(parentFd, name, path, true);
    }

    private java.util.List<String> names(int dirFd, ContainerPath path) throws FilesException {
        try {
            return FdStreams.names(dirFd);
        } catch (IOException e) {
            throw FilesException.ioFailure("list", path, root.where(), e);
        }
    }

    private void unlink(int dirFd, String name, ContainerPath path, boolean directory) throws FilesException {
        try {
            root.sys().unlinkat(dirFd, name, directory ? AT_REMOVEDIR : 0);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return; // gone already: what was asked for is true
            }
            throw root.error(e, path);
        }
    }
}
