package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.SyscallException;

import java.util.Map;

/**
 * Turns a failed call on a container path into the {@link FilesException} a user can act on: the errno decides
 * the problem, the message names the path in the container and where that container is.
 */
final class FileErrors {
    static final String NOT_FOUND_HINT = "check the path; it is resolved from the container's / (symlinks too)";

    private FileErrors() {
    }

    static FilesException of(SyscallException e, ContainerPath path, String where) {
        String p = path.toString();
        String in = p + " in " + where;
        return switch (e.errno()) {
            case Errno.ENOENT -> new FilesException(FilesException.Problem.NOT_FOUND, p, in + " does not exist",
                    NOT_FOUND_HINT, Map.of(), e);
            case Errno.ENOTDIR -> new FilesException(FilesException.Problem.NOT_A_DIRECTORY, p,
                    "a part of " + in + " is not a directory", "check each part of the path: a file is where a directory should be",
                    Map.of(), e);
            case Errno.EISDIR -> new FilesException(FilesException.Problem.IS_A_DIRECTORY, p, in + " is a directory",
                    "name a file, or copy whole directories as an archive (`sandpod cp`)", Map.of(), e);
            case Errno.EACCES, Errno.EPERM -> new FilesException(FilesException.Problem.PERMISSION_DENIED, p,
                    "permission denied on " + in, "the file system refuses it (an immutable or append-only file, say)",
                    Map.of(), e);
            case Errno.EROFS -> new FilesException(FilesException.Problem.PERMISSION_DENIED, p,
                    in + " is on a read-only file system", "write to a writable path (a read-only root or volume refuses all writes)",
                    Map.of(), e);
            case Errno.ETXTBSY -> new FilesException(FilesException.Problem.PERMISSION_DENIED, p,
                    in + " is a program that is running", "wait for it to end, or write a new file and rename it", Map.of(), e);
            case Errno.EEXIST -> new FilesException(FilesException.Problem.EXISTS, p, in + " already exists",
                    "remove it first, or pick another name", Map.of(), e);
            case Errno.ENOTEMPTY -> new FilesException(FilesException.Problem.DIRECTORY_NOT_EMPTY, p,
                    in + " is a directory that is not empty", "remove it recursively (recursive=true)", Map.of(), e);
            case Errno.EBUSY, Errno.EXDEV -> new FilesException(FilesException.Problem.MOUNT_POINT, p,
                    in + " is a mount point", "a volume or a pod file is mounted there; change what is inside it instead",
                    Map.of(), e);
            case Errno.ELOOP -> new FilesException(FilesException.Problem.SYMLINK_LOOP, p,
                    in + " goes through too many symlinks, or through a /proc magic link, which is never followed",
                    "name the file by its real path", Map.of(), e);
            case Errno.ENAMETOOLONG -> new FilesException(FilesException.Problem.INVALID_PATH, p,
                    in + ": a name or the whole path is too long", "use shorter names", Map.of(), e);
            case Errno.ENOSPC, Errno.EDQUOT -> new FilesException(FilesException.Problem.NO_SPACE, p,
                    "no space left for " + in, "free space on the host's state root, or write less", Map.of(), e);
            case Errno.EFBIG -> new FilesException(FilesException.Problem.TOO_LARGE, p, in + " would be larger than the file system allows",
                    "write less", Map.of(), e);
            default -> new FilesException(FilesException.Problem.FAILED, p, e.call() + " failed on " + in + ": "
                    + e.errnoName(), "see the daemon's log", Map.of("errno", e.errnoName()), e);
        };
    }
}
