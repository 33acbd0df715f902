package dev.sandpod.state;

import dev.sandpod.core.SandpodException;

/**
 * A secret can't be created, found or read. Never carries a password. The subclasses say which of the
 * common cases it is, so the API can answer 404 or 409 without reading messages.
 */
public sealed class SecretException extends SandpodException permits SecretNotFoundException, SecretExistsException {
    public SecretException(String message, String hint) {
        super(message, hint);
    }

    public SecretException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
