package dev.sandpod.image.registry;

/** The registry could not be reached or failed on its side: refused, timed out, TLS failure, 5xx. */
public final class RegistryUnavailableException extends RegistryException {
    public RegistryUnavailableException(String registry, String repository, String message, String hint, Throwable cause) {
        super(registry, repository, message, hint, cause);
    }
}
