package dev.sandpod.image.store;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ref.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** Turns a (possibly compressed) layer blob into a directory tree; the safe real one lives in the unpack package. */
@FunctionalInterface
public interface TreeUnpacker {
    Unpacked unpack(InputStream blob, Path emptyTarget, String layerLabel) throws SandpodException, IOException;

    /** @param diffId the digest of the uncompressed tar, as the image config lists it */
    record Unpacked(Digest diffId, long bytes) {
    }
}
