package dev.sandpod.runtime;

import java.util.List;
import java.util.Locale;

/**
 * runc (or conmon running it) refused an operation. Carries runc's own message; for a process that could not be
 * started, {@link #exitCode()} follows Docker: 127 when the executable is not found, 126 when it can't be executed
 * (permission denied, exec format error), 125 for any other runtime failure.
 */
public final class RuncFailedException extends ContainerException {
    private final String operation;
    private final String containerId;
    private final String runcError;

    public RuncFailedException(String operation, String containerId, String runcError) {
        super("runc " + operation + " of container " + containerId + " failed: " + runcError.strip(), hint(runcError), null);
        this.operation = operation;
        this.containerId = containerId;
        this.runcError = runcError.strip();
    }

    public String operation() {
        return operation;
    }

    public String containerId() {
        return containerId;
    }

    /** runc's error text, as it wrote it. */
    public String runcError() {
        return runcError;
    }

    /** Docker's exit code for a container whose process could not be started this way. */
    public int exitCode() {
        return exitCodeFor(runcError);
    }

    public static int exitCodeFor(String runcError) {
        String text = runcError.toLowerCase(Locale.ROOT);
        if (text.contains("exec") || text.contains("executable file not found")) {
            if (containsAny(text, List.of("permission denied", "exec format error", "is a directory"))) {
                return 126;
            }
            if (containsAny(text, List.of("no such file or directory", "not found in $path", "executable file not found"))) {
                return 127;
            }
        }
        return 125;
    }

    private static boolean containsAny(String text, List<String> needles) {
        return needles.stream().anyMatch(text::contains);
    }

    private static String hint(String runcError) {
        return switch (exitCodeFor(runcError)) {
            case 127 -> "the command is not in the image: check the argv and the image's PATH";
            case 126 -> "the command exists but can't be executed: check its mode and that it is built for this machine";
            default -> "runc's message above says what it refused";
        };
    }
}
