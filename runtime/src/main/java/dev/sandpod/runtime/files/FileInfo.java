package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.FileStat;

import java.time.Instant;
import java.util.Optional;

/**
 * One file as the container sees it.
 *
 * @param path        its path in the container, as asked for (not with symlinks resolved)
 * @param permissions permission bits with setuid, setgid and sticky
 * @param linkTarget  a symlink's target, as stored (not resolved)
 */
public record FileInfo(ContainerPath path, FileKind kind, long size, int permissions, long uid, long gid,
                       Instant modified, Optional<String> linkTarget) {
    static FileInfo of(ContainerPath path, FileStat stat, Optional<String> linkTarget) {
        return new FileInfo(path, FileKind.of(stat.mode()), stat.size(), stat.permissions(), stat.uid(), stat.gid(),
                stat.mtime(), linkTarget);
    }

    /** The last component of the path ("/" for the root). */
    public String name() {
        return path.isRoot() ? "/" : path.leaf();
    }
}
