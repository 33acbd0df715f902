package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;

import java.util.Optional;

/** What is at a path: a symlink at the end is described itself unless {@code follow}. */
final class StatPath {
    private final ConfinedRoot root;

    StatPath(ConfinedRoot root) {
        this.root = root;
    }

    FileInfo stat(ContainerPath path, boolean follow) throws FilesException {
        int fd = root.openPath(path, follow);
        try {
            FileStat stat = root.stat(fd, path);
            return FileInfo.of(path, stat, stat.isSymlink() ? Optional.of(linkTarget(fd, path)) : Optional.empty());
        } finally {
            root.close(fd);
        }
    }

    private String linkTarget(int symlinkFd, ContainerPath path) throws FilesException {
        try {
            return root.sys().readlinkat(symlinkFd, "");
        } catch (SyscallException e) {
            throw root.error(e, path);
        }
    }
}
