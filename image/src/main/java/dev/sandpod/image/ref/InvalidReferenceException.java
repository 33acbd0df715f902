package dev.sandpod.image.ref;

import dev.sandpod.core.SandpodException;

/** An image reference or digest that can't be parsed; the message quotes it and says which rule it broke. */
public final class InvalidReferenceException extends SandpodException {
    private final String reference;

    public InvalidReferenceException(String reference, String rule) {
        super("invalid image reference '" + reference + "': " + rule,
                "write it as [REGISTRY[:PORT]/]REPOSITORY[:TAG][@sha256:DIGEST], for example busybox:1.36 or 127.0.0.1:5000/app@sha256:...");
        this.reference = reference;
    }

    public String reference() {
        return reference;
    }
}
