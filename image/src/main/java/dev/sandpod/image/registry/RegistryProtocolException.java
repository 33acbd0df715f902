package dev.sandpod.image.registry;

/** The registry answered in a way this client can't use: an unexpected status, a missing header, an oversized manifest. */
public final class RegistryProtocolException extends RegistryException {
    public RegistryProtocolException(String registry, String repository, String message, String hint) {
        super(registry, repository, message, hint, null);
    }
}
