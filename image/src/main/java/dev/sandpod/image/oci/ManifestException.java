package dev.sandpod.image.oci;

import dev.sandpod.core.SandpodException;

/** A manifest, index or config that is not what the OCI image spec says it must be. */
public final class ManifestException extends SandpodException {
    public ManifestException(String message, String hint) {
        super(message, hint);
    }

    public ManifestException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
