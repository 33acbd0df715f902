package dev.sandpod.image;

import dev.sandpod.core.SandpodException;

/** No stored image answers to the given name or id. */
public final class ImageNotFoundException extends SandpodException {
    public ImageNotFoundException(String reference) {
        super("no image '" + reference + "' in the store",
                "pull it with `sandpod image pull " + reference + "`, load it with `sandpod image load FILE`, or see `sandpod image ls`");
    }

    public ImageNotFoundException(String reference, String why) {
        super("image '" + reference + "' is ambiguous: " + why, "give more of the id, or the full name");
    }
}
