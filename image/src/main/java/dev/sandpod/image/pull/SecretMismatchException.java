package dev.sandpod.image.pull;

import dev.sandpod.core.SandpodException;

/** A secret was given for an image on another server; sandpod won't send credentials where they don't belong. */
public final class SecretMismatchException extends SandpodException {
    public SecretMismatchException(String secret, String secretServer, String registry) {
        super("secret '" + secret + "' is for server " + secretServer + ", but the image is on " + registry,
                "create a secret for " + registry + " with `sandpod secret create registry NAME --server " + registry
                        + " --username USER --password-stdin` and pass that one");
    }
}
