package dev.sandpod.sandbox;

import dev.sandpod.core.SandpodException;

/** The image was not in the store and pulling it failed; {@link #reason()} is the registry's (or network's) reason. */
public final class ImagePullException extends SandboxException {
    private final String image;
    private final String reason;

    public ImagePullException(String image, String reason, SandpodException cause) {
        super("can't pull image " + image + ": " + reason,
                cause.hint().orElse("check the image name and that the registry is reachable"), cause);
        this.image = image;
        this.reason = reason;
    }

    public String image() {
        return image;
    }

    public String reason() {
        return reason;
    }
}
