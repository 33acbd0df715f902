package dev.sandpod.runtime.exec;

import java.time.Duration;
import java.util.Optional;

/**
 * How an exec ended. A command that could not start (not found: 127, not executable: 126, as Docker reports)
 * has {@code startFailure} set, with the reason also on its stderr. A timed-out exec has exit code 124 whatever
 * the image's {@code timeout} would say; one killed on request has 137.
 */
public record ExecResult(int exitCode, boolean timedOut, boolean killed, Optional<String> startFailure,
                         CapturedOutput stdout, CapturedOutput stderr, Duration duration) {
    public static final int TIMED_OUT = 124;
    public static final int CANNOT_EXECUTE = 126;
    public static final int NOT_FOUND = 127;
    public static final int KILLED = 137;
}
