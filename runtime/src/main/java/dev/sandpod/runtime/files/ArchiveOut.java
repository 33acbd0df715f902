package dev.sandpod.runtime.files;

import static dev.sandpod.core.sys.Syscalls.O_CLOEXEC;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_PATH;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file or directory tree of the container as a tar stream, like Docker's {@code GET /containers/{id}/archive}:
 * entries are named from the path's last component ({@code .} for the root or when only the contents are asked
 * for), keep mode, owner, mtime, symlink targets and hard links between the entries. Directories are walked one
 * name at a time below fds (nothing followed, so a symlink swapped in mid-walk is archived as a symlink); a
 * directory that is a mount point (a volume, /proc) is archived empty; sockets are left out, as tar can't hold them.
 */
final class ArchiveOut {
    private static final long SUBDIR = Syscalls.RESOLVE_BENEATH | Syscalls.RESOLVE_NO_SYMLINKS
            | Syscalls.RESOLVE_NO_MAGICLINKS | Syscalls.RESOLVE_NO_XDEV;

    private final ConfinedRoot root;
    /** The first entry name of each multiply-linked file, by device and inode. */
    private final Map<List<Long>, String> linked = new HashMap<>();

    ArchiveOut(ConfinedRoot root) {
        this.root = root;
    }

    /**
     * Writes the archive and ends it. Failures before the first byte are FilesExceptions; a failure once the stream
     * has begun (a file that shrank while read) is an IOException, and the stream is incomplete.
     *
     * @param contentsOnly name entries from {@code .} (the directory's contents, as Docker's {@code /.} suffix)
     * @param follow       follow a symlink at {@code path} itself (inside the root)
     */
    void write(ContainerPath path, boolean contentsOnly, boolean follow, OutputStream out) throws FilesException, IOException {
        write(path, contentsOnly || !path.hasNamedLeaf() ? "." : path.leaf(), follow, out);
    }

    /** As {@link #write(ContainerPath, boolean, boolean, OutputStream)}, the entries named from {@code top} ("." for the contents). */
    void write(ContainerPath path, String top, boolean follow, OutputStream out) throws FilesException, IOException {
        FileInfo info = new StatPath(root).stat(path, follow);
        TarWriter tar = new TarWriter(out);
        if (info.kind() == FileKind.DIRECTORY) {
            int dirFd = root.openDirectory(path);
            try {
                tar.add(entry(top + "/", root.stat(dirFd, path), ""), null);
                walk(tar, dirFd, path, top, 0);
            } finally {
                root.close(dirFd);
            }
        } else {
            int parentFd = root.openExistingDirectory(path.parent());
            try {
                String name = follow && info.kind() != FileKind.SYMLINK ? null : path.leaf();
                if (name == null) {
                    addFollowed(tar, path, top);
                } else {
                    addOne(tar, parentFd, name, path, top);
                }
            } finally {
                root.close(parentFd);
            }
        }
        tar.close();
    }

    /** A top-level path reached through a symlink: its target is archived under the path's own name. */
    private void addFollowed(TarWriter tar, ContainerPath path, String top) throws FilesException, IOException {
        int fd = root.openPath(path, true);
        try {
            FileStat stat = root.stat(fd, path);
            addStat(tar, fd, stat, path, top, "");
        } finally {
            root.close(fd);
        }
    }

    private void walk(TarWriter tar, int dirFd, ContainerPath dir, String prefix, int depth) throws FilesException, IOException {
        if (depth > RemovePath.MAX_DEPTH) {
            throw new IOException(dir + " in " + root.where() + " is more than " + RemovePath.MAX_DEPTH + " directories deep");
        }
        for (String name : FdStreams.names(dirFd)) {
            ContainerPath child = dir.child(name);
            String entryName = prefix + "/" + name;
            Optional<FileStat> stat = root.statName(dirFd, name, child);
            if (stat.isEmpty()) {
                continue; // removed since the directory was read
            }
            if (stat.get().isDirectory()) {
                addDirectory(tar, dirFd, name, child, entryName, stat.get(), depth);
            } else {
                addOne(tar, dirFd, name, child, entryName);
            }
        }
    }

    private void addDirectory(TarWriter tar, int parentFd, String name, ContainerPath path, String entryName,
                              FileStat stat, int depth) throws FilesException, IOException {
        int dirFd;
        try {
            dirFd = root.sys().openat2(parentFd, name, ConfinedRoot.DIR_READ | O_NOFOLLOW, 0, SUBDIR);
        } catch (SyscallException e) {
            if (e.is(Errno.EXDEV)) {
                tar.add(entry(entryName + "/", stat, ""), null); // a mount point: archived empty
                return;
            }
            if (e.is(Errno.ENOTDIR) || e.is(Errno.ELOOP)) {
                addOne(tar, parentFd, name, path, entryName); // swapped for something else meanwhile
                return;
            }
            if (e.is(Errno.ENOENT)) {
                return;
            }
            throw root.error(e, path);
        }
        try {
            tar.add(entry(entryName + "/", root.stat(dirFd, path), ""), null);
            walk(tar, dirFd, path, entryName, depth + 1);
        } finally {
            root.close(dirFd);
        }
    }

    /** A non-directory, opened by its one name without following it, described and archived from that fd. */
    private void addOne(TarWriter tar, int parentFd, String name, ContainerPath path, String entryName)
            throws FilesException, IOException {
        int fd;
        try {
            fd = root.sys().openat2(parentFd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, ConfinedRoot.ONE_NAME);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT)) {
                return;
            }
            throw root.error(e, path);
        }
        try {
            FileStat stat = root.stat(fd, path);
            String target = stat.isSymlink() ? readLink(fd, path) : "";
            addStat(tar, fd, stat, path, entryName, target);
        } finally {
            root.close(fd);
        }
    }

    private void addStat(TarWriter tar, int fd, FileStat stat, ContainerPath path, String entryName, String linkTarget)
            throws FilesException, IOException {
        switch (FileKind.of(stat.mode())) {
            case FILE -> addFile(tar, fd, stat, entryName);
            case DIRECTORY -> tar.add(entry(entryName + "/", stat, ""), null);
            case SYMLINK -> tar.add(entry(entryName, stat, linkTarget), null);
            case FIFO -> tar.add(TarEntry.fifo(entryName).withMode(stat.permissions()).withOwner(stat.uid(), stat.gid())
                    .withMtime(stat.mtime()), null);
            case CHAR_DEVICE -> tar.add(device(TarEntry.charDevice(entryName, 0, 0), stat), null);
            case BLOCK_DEVICE -> tar.add(device(TarEntry.blockDevice(entryName, 0, 0), stat), null);
            case SOCKET -> {
                // tar has no sockets; Docker and GNU tar leave them out too
            }
        }
    }

    private void addFile(TarWriter tar, int fd, FileStat stat, String entryName) throws IOException {
        if (stat.nlink() > 1) {
            List<Long> key = List.of(stat.dev(), stat.ino());
            String first = linked.putIfAbsent(key, entryName);
            if (first != null) {
                tar.add(TarEntry.hardlink(entryName, first).withMode(stat.permissions())
                        .withOwner(stat.uid(), stat.gid()).withMtime(stat.mtime()), null);
                return;
            }
        }
        try (InputStream in = FdStreams.read(fd)) {
            // the size is fixed in the header: a file that grows meanwhile is cut there, one that shrinks fails the stream
            tar.add(entry(entryName, stat, ""), bounded(in, stat.size()));
        }
    }

    private static InputStream bounded(InputStream in, long size) {
        return new java.io.FilterInputStream(in) {
            private long left = size;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    private String readLink(int fd, ContainerPath path) throws FilesException {
        try {
            return root.sys().readlinkat(fd, "");
        } catch (SyscallException e) {
            throw root.error(e, path);
        }
    }

    private static TarEntry entry(String name, FileStat stat, String linkTarget) {
        TarEntry base = switch (FileKind.of(stat.mode())) {
            case DIRECTORY -> TarEntry.dir(name);
            case SYMLINK -> TarEntry.symlink(name, linkTarget);
            default -> TarEntry.file(name, stat.permissions(), stat.size());
        };
        return base.withMode(stat.permissions()).withOwner(stat.uid(), stat.gid()).withMtime(stat.mtime());
    }

    /** glibc's gnu_dev_major and gnu_dev_minor. */
    private static TarEntry device(TarEntry base, FileStat stat) {
        long rdev = stat.rdev();
        int major = (int) (((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & ~0xfffL));
        int minor = (int) ((rdev & 0xffL) | ((rdev >>> 12) & ~0xffL));
        return base.withDevice(major, minor).withMode(stat.permissions()).withOwner(stat.uid(), stat.gid())
                .withMtime(stat.mtime());
    }
}
