package dev.sandpod.image.unpack;

import dev.sandpod.core.SandpodException;

/** A layer entry sandpod refuses to unpack: it would escape the layer root, or it can't be applied safely. */
public final class UnsafeArchiveException extends SandpodException {
    private final String entryName;
    private final String layerLabel;

    public UnsafeArchiveException(String entryName, String layerLabel, String problem) {
        this(entryName, layerLabel, problem, null);
    }

    public UnsafeArchiveException(String entryName, String layerLabel, String problem, Throwable cause) {
        super("layer " + layerLabel + ": entry '" + entryName + "' " + problem,
                "the image or archive is hostile or corrupt; sandpod refused to unpack it. "
                        + "Rebuild the image, or use one from a source you trust", cause);
        this.entryName = entryName;
        this.layerLabel = layerLabel;
    }

    public String entryName() {
        return entryName;
    }

    public String layerLabel() {
        return layerLabel;
    }
}
