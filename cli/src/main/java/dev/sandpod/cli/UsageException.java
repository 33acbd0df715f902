package dev.sandpod.cli;

import java.util.Optional;

/** Arguments that parse but don't make sense together; exits with 2 like other usage errors. */
final class UsageException extends RuntimeException {
    private final String hint;

    UsageException(String message) {
        this(message, null);
    }

    /** @param hint what to do instead, when there is more to say than "see --help" */
    UsageException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
