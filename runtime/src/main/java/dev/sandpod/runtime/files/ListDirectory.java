package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The entries of a directory (a symlink to one is followed, inside the root), each described without following it. */
final class ListDirectory {
    private final ConfinedRoot root;

    ListDirectory(ConfinedRoot root) {
        this.root = root;
    }

    List<FileInfo> list(ContainerPath path) throws FilesException {
        int dirFd = root.openDirectory(path);
        try {
            List<String> names;
            try {
                names = FdStreams.names(dirFd);
            } catch (IOException e) {
                throw FilesException.ioFailure("list", path, root.where(), e);
            }
            List<FileInfo> out = new ArrayList<>();
            for (String name : names) {
                ContainerPath child = path.child(name);
                Optional<FileStat> stat = root.statName(dirFd, name, child);
                if (stat.isEmpty()) {
                    continue; // removed since the directory was read
                }
                Optional<String> target = Optional.empty();
                if (stat.get().isSymlink()) {
                    try {
                        target = Optional.of(root.sys().readlinkat(dirFd, name));
                    } catch (SyscallException e) {
                        if (!e.is(Errno.ENOENT) && !e.is(Errno.EINVAL)) {
                            throw root.error(e, child);
                        }
                        continue; // removed, or replaced by a non-link, since it was described
                    }
                }
                out.add(FileInfo.of(child, stat.get(), target));
            }
            return out;
        } finally {
            root.close(dirFd);
        }
    }
}
