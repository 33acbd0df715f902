package dev.sandpod.cli;

/** Arguments that parse but don't make sense together; exits with 2 like other usage errors. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
