package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;

import java.util.Optional;

/**
 * {@code mkdir [-p] -m MODE}: the directory gets the mode and owner; with parents, missing ones are made too
 * (0755, same owner) and an existing directory is left as it is; without, the parent must exist and the path must not.
 */
final class MakeDirectory {
    private final ConfinedRoot root;

    MakeDirectory(ConfinedRoot root) {
        this.root = root;
    }

    FileInfo make(ContainerPath path, boolean parents, int mode, Owner owner) throws FilesException {
        WriteOptions.checkMode(mode);
        ConfinedRoot.DirectoryCreation between = new ConfinedRoot.DirectoryCreation(WriteOptions.DEFAULT_DIRECTORY_MODE, owner);
        if (!path.hasNamedLeaf()) {
            if (parents) {
                return described(root.makeDirectories(path, between), path);
            }
            throw new FilesException(FilesException.Problem.EXISTS, path.toString(), path + " in " + root.where()
                    + " already exists", "make a directory that doesn't exist yet, or ask for parents (mkdir -p)");
        }
        int parentFd = parents ? root.makeDirectories(path.parent(), between) : root.openParent(path, null);
        try {
            boolean made = true;
            try {
                root.sys().mkdirat(parentFd, path.leaf(), 0700);
            } catch (SyscallException e) {
                if (!parents || !e.is(Errno.EEXIST)) {
                    throw root.error(e, path);
                }
                made = false; // mkdir -p: something is there; the open below says whether it is a directory
            }
            if (made) {
                root.setOwnerAndMode(parentFd, path.leaf(), path, owner, mode);
            }
        } finally {
            root.close(parentFd);
        }
        return described(root.openExistingDirectory(path), path);
    }

    private FileInfo described(int fd, ContainerPath path) throws FilesException {
        try {
            FileStat stat = root.stat(fd, path);
            return FileInfo.of(path, stat, Optional.empty());
        } finally {
            root.close(fd);
        }
    }
}
