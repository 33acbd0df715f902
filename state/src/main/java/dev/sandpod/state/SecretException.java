package dev.sandpod.state;

import dev.sandpod.core.SandpodException;

/** A secret can't be created, found or read. Never carries a password. */
public final class SecretException extends SandpodException {
    public SecretException(String message, String hint) {
        super(message, hint);
    }

    public SecretException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
