package dev.sandpod.state;

/** A secret with that name exists and the caller did not ask to replace it. */
public final class SecretExistsException extends SecretException {
    public SecretExistsException(String message, String hint) {
        super(message, hint);
    }
}
