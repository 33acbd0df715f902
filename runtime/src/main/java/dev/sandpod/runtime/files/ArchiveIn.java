package dev.sandpod.runtime.files;

import static dev.sandpod.core.sys.Syscalls.AT_EMPTY_PATH;
import static dev.sandpod.core.sys.Syscalls.AT_SYMLINK_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_CLOEXEC;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_PATH;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;
import dev.sandpod.image.tar.CorruptArchiveException;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarReader;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Unpacks a tar stream into a directory of the container, like Docker's {@code PUT /containers/{id}/archive}.
 * Every entry is made through the same confined root as any other write: names are taken below the directory
 * ({@code ..} that climbs above it is refused, leading slashes dropped), and whatever a name leads through (a
 * symlink an earlier entry made, say) is resolved with the container's root as {@code /}, so nothing outside the
 * container can be reached. Files replace what is there whole (temporary file and rename); an entry that would
 * put a file over a directory or a directory over a file is refused. Device files are refused.
 */
final class ArchiveIn {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfinedRoot root;
    private final WriteFile files;
    /** Directory mtimes, set at the end: adding their entries changes them. */
    private final Map<ContainerPath, Instant> directoryTimes = new LinkedHashMap<>();

    ArchiveIn(ConfinedRoot root) {
        this.root = root;
        this.files = new WriteFile(root);
    }

    ExtractResult extract(ContainerPath dir, InputStream tarStream, ExtractOptions options) throws FilesException, IOException {
        FileInfo target = new StatPath(root).stat(dir, true);
        if (target.kind() != FileKind.DIRECTORY) {
            throw FilesException.notDirectory(dir, root.where());
        }
        TarReader tar = new TarReader(tarStream);
        long entries = 0;
        long bytes = 0;
        try {
            for (Optional<TarEntry> next = tar.next(); next.isPresent(); next = tar.next()) {
                TarEntry entry = rebased(next.get(), options);
                ContainerPath below = EntryName.below(entry.name()).filter(p -> entry.name().indexOf('\0') < 0)
                        .orElseThrow(() -> FilesException.unsafeEntry(entry.name(), "climbs out of the target directory with '..'"));
                Owner owner = options.owner().orElse(new Owner(entry.uid(), entry.gid()));
                bytes += apply(entry, dir, dir.resolve(below), below.isRoot(), owner, tar.content(), options);
                entries++;
            }
        } catch (CorruptArchiveException e) {
            throw new FilesException(FilesException.Problem.INVALID_ARCHIVE, e.entryName(), "the archive is not a valid tar stream: "
                    + e.getMessage(), "send an uncompressed tar stream (as `tar -c` writes it)", Map.of(), e);
        }
        finishDirectoryTimes();
        return new ExtractResult(entries, bytes);
    }

    private static TarEntry rebased(TarEntry entry, ExtractOptions options) {
        if (options.rebase().isEmpty()) {
            return entry;
        }
        ExtractOptions.Rebase r = options.rebase().get();
        TarEntry renamed = entry.withName(EntryName.rebased(entry.name(), r));
        // a hard link names another entry of the archive, which was renamed the same way
        return entry.type() == dev.sandpod.image.tar.EntryType.HARDLINK
                ? renamed.withLinkName(EntryName.rebased(entry.linkName(), r)) : renamed;
    }

    private long apply(TarEntry entry, ContainerPath dir, ContainerPath path, boolean isTarget, Owner owner,
                       InputStream content, ExtractOptions options) throws FilesException, IOException {
        ConfinedRoot.DirectoryCreation parents = new ConfinedRoot.DirectoryCreation(WriteOptions.DEFAULT_DIRECTORY_MODE, owner);
        switch (entry.type()) {
            case DIRECTORY -> {
                if (!isTarget) { // the target directory itself ("./") keeps its mode and owner
                    directory(path, entry, owner, parents);
                }
                return 0;
            }
            case FILE -> {
                if (isTarget) {
                    throw FilesException.isDirectory(dir, root.where());
                }
                if (entry.size() > options.maxFileBytes()) {
                    throw FilesException.tooLarge(path, options.maxFileBytes(), root.where());
                }
                WriteOptions write = new WriteOptions(Optional.of(entry.mode()), Optional.of(owner), owner, true,
                        options.maxFileBytes(), Optional.of(entry.mtime()));
                files.write(path, content, write);
                return entry.size();
            }
            case SYMLINK, HARDLINK, FIFO -> {
                if (isTarget) {
                    throw FilesException.isDirectory(dir, root.where());
                }
                link(entry, dir, path, owner, parents);
                return 0;
            }
            default -> throw FilesException.unsafeEntry(entry.name(), "is a device file (" + entry.type()
                    + "), which can't be copied into a container");
        }
    }

    /** A directory entry: made with its parents, or an existing one given the entry's mode and owner, as tar does. */
    private void directory(ContainerPath path, TarEntry entry, Owner owner, ConfinedRoot.DirectoryCreation parents)
            throws FilesException {
        int fd = root.makeDirectories(path, parents);
        try {
            root.sys().fchownat(fd, "", owner.uid(), owner.gid(), AT_EMPTY_PATH);
            // an O_PATH fd has no fchmod; its /proc/self/fd link leads to exactly this directory
            root.sys().fchmodat(Syscalls.AT_FDCWD, Syscalls.procPath(fd), entry.mode());
        } catch (SyscallException e) {
            throw root.error(e, path);
        } finally {
            root.close(fd);
        }
        directoryTimes.put(path, entry.mtime());
    }

    /** A symlink, hard link or FIFO: made under a temporary name, given its owner (and mode), then renamed into place. */
    private void link(TarEntry entry, ContainerPath dir, ContainerPath path, Owner owner,
                      ConfinedRoot.DirectoryCreation parents) throws FilesException {
        int parentFd = root.openParent(path, parents);
        String temp = WriteFile.TEMP_PREFIX + HexFormat.of().formatHex(randomBytes());
        try {
            make(entry, dir, parentFd, temp, path);
            try {
                finish(entry, parentFd, temp, path, owner);
                rename(parentFd, temp, path);
            } catch (FilesException | RuntimeException e) {
                try {
                    root.sys().unlinkat(parentFd, temp, 0);
                } catch (SyscallException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        } finally {
            root.close(parentFd);
        }
    }

    private void make(TarEntry entry, ContainerPath dir, int parentFd, String temp, ContainerPath path) throws FilesException {
        try {
            switch (entry.type()) {
                case SYMLINK -> {
                    if (entry.linkName().isEmpty() || entry.linkName().indexOf('\0') >= 0) {
                        throw FilesException.unsafeEntry(entry.name(), "is a symlink with an empty or invalid target");
                    }
                    root.sys().symlinkat(entry.linkName(), parentFd, temp);
                }
                case FIFO -> root.sys().mknodat(parentFd, temp, Syscalls.S_IFIFO | 0600, 0);
                case HARDLINK -> hardlink(entry, dir, parentFd, temp);
                default -> throw new IllegalStateException("not a link: " + entry.type());
            }
        } catch (SyscallException e) {
            throw root.error(e, path);
        }
    }

    /** A hard link to an earlier entry (named in the archive, so below the target directory). */
    private void hardlink(TarEntry entry, ContainerPath dir, int parentFd, String temp) throws FilesException, SyscallException {
        ContainerPath source = dir.resolve(EntryName.below(entry.linkName()).filter(p -> !p.isRoot())
                .orElseThrow(() -> FilesException.unsafeEntry(entry.name(), "is a hard link to '" + entry.linkName()
                        + "', which is outside the target directory")));
        int sourceFd = root.openPath(source, false);
        try {
            if (root.stat(sourceFd, source).isDirectory()) {
                throw FilesException.unsafeEntry(entry.name(), "is a hard link to a directory");
            }
            root.sys().linkat(sourceFd, "", parentFd, temp, AT_EMPTY_PATH);
        } finally {
            root.close(sourceFd);
        }
    }

    /** Owner, mode and time of what {@link #make} made, through an fd of it that follows nothing. */
    private void finish(TarEntry entry, int parentFd, String temp, ContainerPath path, Owner owner) throws FilesException {
        if (entry.type() == dev.sandpod.image.tar.EntryType.HARDLINK) {
            return; // a hard link shares its source's inode, owner, mode and times
        }
        int fd;
        try {
            fd = root.sys().openat2(parentFd, temp, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, ConfinedRoot.ONE_NAME);
        } catch (SyscallException e) {
            throw root.error(e, path);
        }
        try {
            FileStat made = root.stat(fd, path);
            root.sys().fchownat(fd, "", owner.uid(), owner.gid(), AT_EMPTY_PATH);
            if (made.type() == Syscalls.S_IFIFO) {
                root.sys().fchmodat(Syscalls.AT_FDCWD, Syscalls.procPath(fd), entry.mode());
            }
            root.sys().utimensat(parentFd, temp, entry.mtime(), entry.mtime(), AT_SYMLINK_NOFOLLOW);
        } catch (SyscallException e) {
            throw root.error(e, path);
        } finally {
            root.close(fd);
        }
    }

    private void rename(int parentFd, String temp, ContainerPath path) throws FilesException {
        try {
            root.sys().renameat(parentFd, temp, parentFd, path.leaf());
        } catch (SyscallException e) {
            throw e.is(Errno.EISDIR) || e.is(Errno.ENOTEMPTY) || e.is(Errno.EEXIST)
                    ? FilesException.isDirectory(path, root.where()) : root.error(e, path);
        }
    }

    private void finishDirectoryTimes() throws FilesException {
        for (Map.Entry<ContainerPath, Instant> d : directoryTimes.entrySet()) {
            int fd;
            try {
                fd = root.openExistingDirectory(d.getKey());
            } catch (FilesException e) {
                if (e.problem() == FilesException.Problem.NOT_FOUND || e.problem() == FilesException.Problem.NOT_A_DIRECTORY) {
                    continue; // a later entry replaced or removed it
                }
                throw e;
            }
            try {
                root.sys().utimensat(fd, ".", d.getValue(), d.getValue(), 0);
            } catch (SyscallException e) {
                throw root.error(e, d.getKey());
            } finally {
                root.close(fd);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }
}
