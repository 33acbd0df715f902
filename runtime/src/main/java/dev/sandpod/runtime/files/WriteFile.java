package dev.sandpod.runtime.files;

import static dev.sandpod.core.sys.Syscalls.AT_EMPTY_PATH;
import static dev.sandpod.core.sys.Syscalls.AT_SYMLINK_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_CLOEXEC;
import static dev.sandpod.core.sys.Syscalls.O_CREAT;
import static dev.sandpod.core.sys.Syscalls.O_EXCL;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_PATH;
import static dev.sandpod.core.sys.Syscalls.O_WRONLY;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.FileStat;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Writes a file as a whole or not at all: the content goes to a new temporary file in the target's directory,
 * which gets its owner and mode and then replaces the target by rename. A write that fails (the caller went
 * away, the content was too large, the disk filled) removes the temporary file and leaves the target as it was.
 * A symlink at the target is replaced, never followed. A target that is a mount point (the pod's /etc/hosts)
 * can't be renamed over; it is overwritten in place once all the content has arrived.
 */
final class WriteFile {
    static final String TEMP_PREFIX = ".sandpod-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConfinedRoot root;

    WriteFile(ConfinedRoot root) {
        this.root = root;
    }

    FileInfo write(ContainerPath path, InputStream content, WriteOptions options) throws FilesException, IOException {
        if (!path.hasNamedLeaf()) {
            throw path.isRoot() ? FilesException.isDirectory(path, root.where())
                    : FilesException.invalidPath(path.toString(), "it ends with '..'");
        }
        String leaf = path.leaf();
        int parentFd = root.openParent(path, options.createParents()
                ? new ConfinedRoot.DirectoryCreation(WriteOptions.DEFAULT_DIRECTORY_MODE, options.ownerOfNew()) : null);
        try {
            Optional<FileStat> existing = root.statName(parentFd, leaf, path);
            if (existing.isPresent() && existing.get().isDirectory()) {
                throw FilesException.isDirectory(path, root.where());
            }
            Optional<FileStat> replaced = existing.filter(FileStat::isRegularFile);
            int mode = options.mode().orElse(replaced.map(FileStat::permissions).orElse(WriteOptions.DEFAULT_FILE_MODE));
            Owner owner = options.owner().orElse(replaced.map(s -> new Owner(s.uid(), s.gid())).orElse(options.defaultOwner()));
            String temp = TEMP_PREFIX + HexFormat.of().formatHex(randomBytes());
            writeTemp(parentFd, temp, path, content, options.maxBytes(), owner, mode);
            try {
                replace(parentFd, temp, leaf, path, owner, mode);
                setTime(parentFd, leaf, path, options.modified().orElse(Instant.now()));
            } catch (FilesException | RuntimeException e) {
                removeQuietly(parentFd, temp, e);
                throw e;
            }
            FileStat now = root.statName(parentFd, leaf, path).orElseThrow(() -> FilesException.isDirectory(path, root.where()));
            return FileInfo.of(path, now, Optional.empty());
        } finally {
            root.close(parentFd);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The content into a new file nobody else can have opened (O_EXCL), then its owner and mode. */
    private void writeTemp(int parentFd, String temp, ContainerPath path, InputStream content, long maxBytes, Owner owner,
                           int mode) throws FilesException, IOException {
        int fd;
        try {
            fd = root.sys().openat2(parentFd, temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600,
                    ConfinedRoot.ONE_NAME);
        } catch (SyscallException e) {
            throw root.error(e, path);
        }
        try {
            try (OutputStream out = FdStreams.write(fd)) {
                copy(content, out, maxBytes, path);
            }
            root.sys().fchownat(fd, "", owner.uid(), owner.gid(), AT_EMPTY_PATH);
            root.sys().fchmod(fd, mode); // after chown, which clears setuid and setgid
        } catch (SyscallException e) {
            FilesException failure = root.error(e, path);
            removeQuietly(parentFd, temp, failure);
            throw failure;
        } catch (FilesException | IOException | RuntimeException e) {
            removeQuietly(parentFd, temp, e);
            throw e;
        } finally {
            root.close(fd);
        }
    }

    private void copy(InputStream content, OutputStream out, long maxBytes, ContainerPath path)
            throws FilesException, IOException {
        byte[] buffer = new byte[128 * 1024];
        long total = 0;
        for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
            total += n;
            if (total > maxBytes) {
                throw FilesException.tooLarge(path, maxBytes, root.where());
            }
            out.write(buffer, 0, n);
        }
    }

    private void replace(int parentFd, String temp, String leaf, ContainerPath path, Owner owner, int mode)
            throws FilesException {
        try {
            root.sys().renameat(parentFd, temp, parentFd, leaf);
            return;
        } catch (SyscallException e) {
            if (!e.is(Errno.EBUSY)) {
                throw e.is(Errno.EISDIR) || e.is(Errno.ENOTEMPTY) || e.is(Errno.EEXIST)
                        ? FilesException.isDirectory(path, root.where()) : root.error(e, path);
            }
        }
        overwriteMountedFile(parentFd, temp, leaf, path, owner, mode);
        removeQuietly(parentFd, temp, null);
    }

    /** The target is a mount point: copy the complete temporary file's bytes over it, from the start. */
    private void overwriteMountedFile(int parentFd, String temp, String leaf, ContainerPath path, Owner owner, int mode)
            throws FilesException {
        int targetFd = -1;
        int tempFd = -1;
        try {
            targetFd = root.sys().openat2(parentFd, leaf, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, ConfinedRoot.ONE_NAME);
            FileStat target = root.stat(targetFd, path);
            if (!target.isRegularFile()) {
                throw target.isDirectory() ? FilesException.isDirectory(path, root.where())
                        : FilesException.notRegular(path, FileKind.of(target.mode()), root.where());
            }
            tempFd = root.sys().openat2(parentFd, temp, O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, ConfinedRoot.ONE_NAME);
            try (FileChannel from = FdStreams.readChannel(tempFd); FileChannel to = FdStreams.overwrite(targetFd)) {
                long size = from.size();
                for (long done = 0; done < size; ) {
                    done += from.transferTo(done, size - done, to);
                }
            }
            root.sys().fchownat(targetFd, "", owner.uid(), owner.gid(), AT_EMPTY_PATH);
            // an O_PATH fd has no fchmod; its /proc/self/fd link leads to exactly this (regular) file
            root.sys().fchmodat(Syscalls.AT_FDCWD, Syscalls.procPath(targetFd), mode);
        } catch (SyscallException e) {
            throw root.error(e, path);
        } catch (IOException e) {
            throw FilesException.ioFailure("overwrite the mounted file", path, root.where(), e);
        } finally {
            if (targetFd >= 0) {
                root.close(targetFd);
            }
            if (tempFd >= 0) {
                root.close(tempFd);
            }
        }
    }

    private void setTime(int parentFd, String leaf, ContainerPath path, Instant when) throws FilesException {
        try {
            root.sys().utimensat(parentFd, leaf, when, when, AT_SYMLINK_NOFOLLOW);
        } catch (SyscallException e) {
            throw root.error(e, path);
        }
    }

    /** Removes a temporary file after a failure; its own failure is kept with the first one. */
    private void removeQuietly(int parentFd, String temp, Exception first) {
        try {
            root.sys().unlinkat(parentFd, temp, 0);
        } catch (SyscallException e) {
            if (first != null && !e.is(Errno.ENOENT)) {
                first.addSuppressed(e);
            }
        }
    }
}
