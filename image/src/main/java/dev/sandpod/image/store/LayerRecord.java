package dev.sandpod.image.store;

import dev.sandpod.image.ref.Digest;

/** One layer of a stored image: the blob as pulled, and the unpacked tree it became (named by chain id). */
public record LayerRecord(Digest blobDigest, String mediaType, long blobSize, Digest diffId, Digest chainId) {
}
