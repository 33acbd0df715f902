package dev.sandpod.image.unpack;

import static dev.sandpod.core.sys.Syscalls.O_CLOEXEC;
import static dev.sandpod.core.sys.Syscalls.O_DIRECTORY;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_PATH;
import static dev.sandpod.core.sys.Syscalls.RESOLVE_IN_ROOT;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory a layer unpacks into, held open as an O_PATH fd. Every lookup goes through
 * openat2(RESOLVE_IN_ROOT), so '..' and symlinks (absolute or relative) planted by earlier entries resolve as if
 * this directory were '/', and nothing can be reached outside it.
 */
final class LayerRoot implements Closeable {
    private static final int MAX_SYMLINK_HOPS = 40;
    private static final long DIR_FLAGS = O_PATH | O_DIRECTORY | O_CLOEXEC;

    private final Syscalls sys;
    private final int fd;

    LayerRoot(Syscalls sys, Path directory) throws IOException {
        this.sys = sys;
        this.fd = sys.openat2(Syscalls.AT_FDCWD, directory.toString(), DIR_FLAGS, 0, 0);
    }

    int fd() {
        return fd;
    }

    /** An O_PATH fd of {@code dir}, creating missing directories (0755, root-owned) on the way. Caller closes it. */
    int openDirectory(EntryPath dir) throws IOException {
        return openDirectory(dir, 0);
    }

    private int openDirectory(EntryPath dir, int symlinkHops) throws IOException {
        int current = sys.openat2(fd, ".", DIR_FLAGS, 0, RESOLVE_IN_ROOT);
        for (int i = 1; i <= dir.parts().size(); i++) {
            String prefix = String.join("/", dir.parts().subList(0, i));
            int next;
            try {
                next = sys.openat2(fd, prefix, DIR_FLAGS, 0, RESOLVE_IN_ROOT);
            } catch (SyscallException e) {
                if (!e.is(Errno.ENOENT)) {
                    sys.close(current);
                    throw e;
                }
                String name = dir.parts().get(i - 1);
                Path child = childPath(current, name);
                if (Files.isSymbolicLink(child)) {
                    // A dangling symlink in the way: create its target instead, inside the root, as containerd does.
                    EntryPath retarget = followDangling(dir, i, Files.readSymbolicLink(child).toString(), symlinkHops);
                    sys.close(current);
                    return openDirectory(retarget, symlinkHops + 1);
                }
                next = createChild(current, name, prefix);
            }
            sys.close(current);
            current = next;
        }
        return current;
    }

    /** The path {@code dir} means once its component {@code i} (a symlink to {@code target}) is replaced by the target. */
    private static EntryPath followDangling(EntryPath dir, int i, String target, int hops) throws IOException {
        if (hops >= MAX_SYMLINK_HOPS) {
            throw new IOException("too many levels of symbolic links creating " + dir);
        }
        List<String> parts = new ArrayList<>();
        if (!target.startsWith("/")) {
            parts.addAll(dir.parts().subList(0, i - 1));
        }
        parts.add(target);
        parts.addAll(dir.parts().subList(i, dir.parts().size()));
        return EntryPath.cleanInRoot(String.join("/", parts));
    }

    /** An O_PATH fd of an existing directory, without creating anything. */
    int openExistingDirectory(EntryPath dir) throws SyscallException {
        return sys.openat2(fd, dir.toString(), DIR_FLAGS, 0, RESOLVE_IN_ROOT);
    }

    /** An O_PATH fd of whatever is at {@code path}, a symlink itself rather than its target. */
    int openNoFollow(EntryPath path) throws SyscallException {
        return sys.openat2(fd, path.toString(), O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
    }

    private int createChild(int parentFd, String name, String prefix) throws IOException {
        try {
            Files.createDirectory(childPath(parentFd, name));
            sys.fchmodat(parentFd, name, 0755);
        } catch (FileAlreadyExistsException e) {
            // A dangling symlink is in the way: the lookup failed, yet the name exists. Don't guess; report it.
            sys.close(parentFd);
            throw new IOException("can't create directory " + prefix + ": a dangling symlink or other file is in the way", e);
        }
        return sys.openat2(fd, prefix, DIR_FLAGS, 0, RESOLVE_IN_ROOT);
    }

    /** The name inside an opened directory, for JDK calls; never follows a symlink at the name itself. */
    static Path childPath(int dirFd, String name) {
        return Path.of(Syscalls.procPath(dirFd), name);
    }

    void close(int otherFd) throws SyscallException {
        sys.close(otherFd);
    }

    @Override
    public void close() throws IOException {
        sys.close(fd);
    }
}
