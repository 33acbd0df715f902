package dev.sandpod.core;

import java.util.Optional;

/**
 * A failure a user can act on: the message says what was wrong and where, the hint says what to do.
 * Every module's checked exceptions extend this, so the CLI and API can report any of them the same way.
 */
public abstract class SandpodException extends Exception {
    private final String hint;

    protected SandpodException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    protected SandpodException(String message, String hint) {
        this(message, hint, null);
    }

    /** What the user can do about it, if sandpod knows. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
