package dev.sandpod.image.pull;

import dev.sandpod.image.ref.Digest;

/** What a pull reports as it goes; called from several threads at once (layers are fetched in parallel). */
public interface PullProgress {
    PullProgress SILENT = new PullProgress() {
    };

    default void resolved(String reference, Digest manifest, String source) {
    }

    default void blobStarted(Digest blob, String kind, long size, long alreadyHave) {
    }

    default void blobProgress(Digest blob, long bytesSoFar) {
    }

    /** @param cached true when the blob was already in the store and nothing was fetched */
    default void blobDone(Digest blob, String kind, long size, boolean cached) {
    }

    default void layerUnpacked(Digest blob, Digest chainId, boolean cached) {
    }
}
