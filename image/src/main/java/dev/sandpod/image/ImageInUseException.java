package dev.sandpod.image;

import dev.sandpod.core.SandpodException;

/** An image can't be removed because a sandbox uses it. */
public final class ImageInUseException extends SandpodException {
    public ImageInUseException(String reference) {
        super("image " + reference + " is used by a sandbox",
                "remove the sandbox first, or pass --force to remove the image's names anyway");
    }
}
