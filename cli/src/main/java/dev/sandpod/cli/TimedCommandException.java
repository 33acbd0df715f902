package dev.sandpod.cli;

import dev.sandpod.core.SandpodException;

import java.util.List;

/** A command a benchmark runs exited with a failure or did not finish; {@link #said} is the end of its stderr. */
final class TimedCommandException extends SandpodException {
    private final String said;

    TimedCommandException(List<String> command, String what, String said) {
        super(String.join(" ", command) + " " + what + (said.isEmpty() ? "" : ": " + said), "run it by hand to see why");
        this.said = said;
    }

    /** The last lines of the command's stderr, joined with " / " (empty when it printed nothing). */
    String said() {
        return said;
    }
}
