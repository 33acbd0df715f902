package dev.sandpod.sandbox;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Small files of a running container as it sees them now (its /etc/passwd after an agent's {@code adduser}),
 * read through {@code /proc/<pid>/root} with openat2's RESOLVE_IN_ROOT: a symlink the container planted can't lead
 * the daemon to a host file.
 */
final class ContainerEtcFiles {
    private final Syscalls sys;

    ContainerEtcFiles(Syscalls sys) {
        this.sys = sys;
    }

    /** The users of the container whose init is {@code pid}: its /etc/passwd and /etc/group (empty when absent). */
    ImageUsers users(long pid) throws IOException {
        return ImageUsers.parse(read(pid, "etc/passwd").orElse(""), read(pid, "etc/group").orElse(""));
    }

    Optional<String> read(long pid, String relative) throws IOException {
        int root = -1;
        int file = -1;
        try {
            root = sys.openat2(Syscalls.AT_FDCWD, "/proc/" + pid + "/root",
                    Syscalls.O_PATH | Syscalls.O_DIRECTORY | Syscalls.O_CLOEXEC, 0, 0);
            try {
                file = sys.openat2(root, relative, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC, 0,
                        Syscalls.RESOLVE_IN_ROOT | Syscalls.RESOLVE_NO_MAGICLINKS);
            } catch (SyscallException e) {
                if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENOTDIR || e.errno() == Errno.ELOOP) {
                    return Optional.empty();
                }
                throw e;
            }
            try (InputStream in = Files.newInputStream(Path.of(Syscalls.procPath(file)))) {
                byte[] bytes = in.readNBytes(ImageFiles.MAX_BYTES + 1);
                if (bytes.length > ImageFiles.MAX_BYTES) {
                    throw new IOException("/" + relative + " in the container is larger than " + ImageFiles.MAX_BYTES + " bytes");
                }
                return Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (SyscallException e) {
            throw new IOException("can't read /" + relative + " of the container: " + e.getMessage(), e);
        } finally {
            closeQuietly(file);
            closeQuietly(root);
        }
    }

    private void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                sys.close(fd);
            } catch (SyscallException e) {
                // close of a read-only fd loses nothing
            }
        }
    }
}
