package dev.sandpod.state;

/** No secret has the given name. */
public final class SecretNotFoundException extends SecretException {
    public SecretNotFoundException(String message, String hint) {
        super(message, hint);
    }
}
