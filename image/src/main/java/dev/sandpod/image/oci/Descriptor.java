package dev.sandpod.image.oci;

import dev.sandpod.image.ref.Digest;

import java.util.Optional;

/** An OCI content descriptor: what a manifest says about one blob. */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform) {
    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, Optional.empty());
    }
}
