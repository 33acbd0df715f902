package dev.sandpod.image.store;

import dev.sandpod.core.IoErrors;

import dev.sandpod.image.ref.Digest;

import java.io.IOException;
import java.util.Set;

/** Removes blobs and unpacked layers no recorded image needs, and what killed pulls left behind. */
public final class StoreCollector {
    private final ContentStore content;
    private final LayerStore layers;
    private final ImageCatalog catalog;
    private final GcGuard guard;

    public StoreCollector(ContentStore content, LayerStore layers, ImageCatalog catalog, GcGuard guard) {
        this.content = content;
        this.layers = layers;
        this.catalog = catalog;
        this.guard = guard;
    }

    public record Collected(int blobs, int layers, long bytesFreed) {
    }

    public Collected collect() throws StoreException {
        try (GcGuard.Held held = guard.collecting()) {
            Set<Digest> liveBlobs = catalog.referencedBlobs();
            Set<Digest> liveChains = catalog.referencedChains();
            int blobs = 0;
            int layerCount = 0;
            long freed = content.sweepPartials();
            for (Digest blob : content.list()) {
                if (!liveBlobs.contains(blob)) {
                    freed += content.size(blob).orElse(0L);
                    content.delete(blob);
                    blobs++;
                }
            }
            layers.sweepTemps();
            for (Digest chain : layers.list()) {
                if (!liveChains.contains(chain)) {
                    layers.delete(chain);
                    catalog.forgetLayer(chain);
                    layerCount++;
                }
            }
            return new Collected(blobs, layerCount, freed);
        } catch (IOException e) {
            throw new StoreException("can't lock the store for clean-up: " + IoErrors.describe(e), "check the state root", e);
        }
    }

    /** Bytes the store holds now: blobs plus unpacked layers. */
    public long usage() throws StoreException {
        long total = catalog.unpackedBytes();
        for (Digest blob : content.list()) {
            total += content.size(blob).orElse(0L);
        }
        return total;
    }
}
