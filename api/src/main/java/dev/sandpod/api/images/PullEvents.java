package dev.sandpod.api.images;

import dev.sandpod.api.http.NdjsonStream;
import dev.sandpod.client.model.PullEvent;
import dev.sandpod.image.pull.PullProgress;
import dev.sandpod.image.ref.Digest;

import java.util.concurrent.ConcurrentHashMap;

/** A pull's progress as NDJSON events; byte counts at most every {@value #PROGRESS_EVERY_MS} ms per blob. */
final class PullEvents implements PullProgress {
    static final long PROGRESS_EVERY_MS = 200;
    private final NdjsonStream stream;
    private final ConcurrentHashMap<Digest, Long> lastProgress = new ConcurrentHashMap<>();

    PullEvents(NdjsonStream stream) {
        this.stream = stream;
    }

    @Override
    public void resolved(String reference, Digest manifest, String source) {
        stream.send(new PullEvent.Resolved(reference, manifest.toString(), source));
    }

    @Override
    public void blobStarted(Digest blob, String kind, long size, long alreadyHave) {
        stream.send(new PullEvent.BlobStarted(blob.toString(), kind, size, alreadyHave));
    }

    @Override
    public void blobProgress(Digest blob, long bytesSoFar) {
        long now = System.nanoTime() / 1_000_000;
        Long last = lastProgress.get(blob);
        if (last == null || now - last >= PROGRESS_EVERY_MS) {
            lastProgress.put(blob, now);
            stream.send(new PullEvent.BlobProgress(blob.toString(), bytesSoFar));
        }
    }

    @Override
    public void blobDone(Digest blob, String kind, long size, boolean cached) {
        stream.send(new PullEvent.BlobDone(blob.toString(), kind, size, cached));
    }

    @Override
    public void layerUnpacked(Digest blob, Digest chainId, boolean cached) {
        stream.send(new PullEvent.LayerUnpacked(blob.toString(), chainId.toString(), cached));
    }
}
