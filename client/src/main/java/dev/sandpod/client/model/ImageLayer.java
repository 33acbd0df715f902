package dev.sandpod.client.model;

/** One layer of a stored image: the blob as pulled and the unpacked tree it became. */
public record ImageLayer(String digest, String mediaType, long size, String diffId, String chainId) {
}
