package dev.sandpod.runtime.files;

import dev.sandpod.core.SandpodException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file operation in a container that failed, with the {@link Problem} that says why and the path in the
 * container it failed on (which may be a parent of the path asked for: the one that is missing, say).
 */
public final class FilesException extends SandpodException {
    /** Why a file operation failed; the API turns each into its own status and code. */
    public enum Problem {
        INVALID_PATH, NOT_FOUND, NOT_A_DIRECTORY, IS_A_DIRECTORY, NOT_A_REGULAR_FILE, EXISTS, DIRECTORY_NOT_EMPTY,
        MOUNT_POINT, PERMISSION_DENIED, TOO_LARGE, SYMLINK_LOOP, UNSAFE_ARCHIVE, INVALID_ARCHIVE, UNAVAILABLE,
        NO_SPACE, FAILED
    }

    private final Problem problem;
    private final String path;
    private final Map<String, Object> details;

    FilesException(Problem problem, String path, String message, String hint, Map<String, Object> extra, Throwable cause) {
        super(message, hint, cause);
        this.problem = problem;
        this.path = path;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", path);
        d.putAll(extra);
        this.details = Map.copyOf(d);
    }

    FilesException(Problem problem, String path, String message, String hint) {
        this(problem, path, message, hint, Map.of(), null);
    }

    public Problem problem() {
        return problem;
    }

    /** The path in the container (or in the archive, for an archive entry) the failure is about. */
    public String path() {
        return path;
    }

    /** Facts for programs: always {@code path}; {@code limit} for TOO_LARGE, {@code type} for NOT_A_REGULAR_FILE, ... */
    public Map<String, Object> details() {
        return details;
    }

    /** An I/O failure on {@code path} that no errno explains (a stream broke off, a file changed while read). */
    public static FilesException ioFailure(String doing, ContainerPath path, String where, java.io.IOException cause) {
        return new FilesException(Problem.FAILED, path.toString(), "can't " + doing + " " + path + " in " + where + ": "
                + cause.getMessage(), "see the daemon's log", Map.of(), cause);
    }

    static FilesException invalidPath(String path, String why) {
        return new FilesException(Problem.INVALID_PATH, path, "invalid path '" + path + "': " + why,
                "give a path in the container such as /etc/hosts");
    }

    static FilesException notFound(ContainerPath path, String where) {
        return new FilesException(Problem.NOT_FOUND, path.toString(), path + " in " + where + " does not exist",
                FileErrors.NOT_FOUND_HINT);
    }

    static FilesException tooLarge(ContainerPath path, long limit, String where) {
        return new FilesException(Problem.TOO_LARGE, path.toString(), path + " in " + where + " is larger than the limit of "
                + limit + " bytes", "raise the limit for this call (maxBytes; the default is 1 GiB)",
                Map.of("limit", limit), null);
    }

    static FilesException notRegular(ContainerPath path, FileKind kind, String where) {
        return new FilesException(Problem.NOT_A_REGULAR_FILE, path.toString(), path + " in " + where + " is a "
                + kind.wireName() + ", not a regular file", "only regular files can be read or replaced this way",
                Map.of("type", kind.wireName()), null);
    }

    static FilesException isDirectory(ContainerPath path, String where) {
        return new FilesException(Problem.IS_A_DIRECTORY, path.toString(), path + " in " + where + " is a directory",
                "name a file in it, or copy whole directories as an archive (`sandpod cp`)");
    }

    static FilesException notDirectory(ContainerPath path, String where) {
        return new FilesException(Problem.NOT_A_DIRECTORY, path.toString(), path + " in " + where + " is not a directory",
                "name a directory, or check each part of the path (a file where a directory is expected)");
    }

    static FilesException unsafeEntry(String entry, String why) {
        return new FilesException(Problem.UNSAFE_ARCHIVE, entry, "archive entry '" + entry + "' " + why,
                "make the archive with names relative to the target directory, without '..' climbing out of it");
    }

    static FilesException unavailable(String where, String why, String hint) {
        return new FilesException(Problem.UNAVAILABLE, "/", "the files of " + where + " can't be reached: " + why, hint);
    }
}
