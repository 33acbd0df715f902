package dev.sandpod.client.model;

/** What {@code POST /v1/images/prune} answers: what it removed and the bytes it freed. */
public record PruneResult(int images, int blobs, int layers, long bytesFreed) {
}
