package dev.sandpod.image;

import dev.sandpod.core.SandpodException;

import java.util.List;

/** Removing an image by id would drop several names at once; as docker does, that needs force. */
public final class ImageHasNamesException extends SandpodException {
    private final List<String> names;

    public ImageHasNamesException(String reference, List<String> names) {
        super("image " + reference + " has " + names.size() + " names (" + String.join(", ", names) + ")",
                "remove the names one by one, or pass --force to remove the image");
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }
}
