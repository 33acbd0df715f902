package dev.sandpod.image.archive;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.oci.ImageConfig;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.ImageCatalog;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;
import dev.sandpod.image.store.LayerStore;

import java.util.ArrayList;
import java.util.List;

/** Unpacks the layers of an image whose blobs are all in the store, then records and names it. */
public final class ImageRecorder {
    private final ContentStore content;
    private final LayerStore layers;
    private final ImageCatalog catalog;
    private final List<Digest> unpacked = new ArrayList<>();

    public ImageRecorder(ContentStore content, LayerStore layers, ImageCatalog catalog) {
        this.content = content;
        this.layers = layers;
        this.catalog = catalog;
    }

    public ImageRecord record(ArchiveLoader.FoundImage found, String origin) throws SandpodException {
        var manifest = found.manifest();
        ImageConfig config = ImageConfig.parse(content.read(manifest.config().digest()), origin + " config " + manifest.config().digest());
        List<LayerRecord> records = LayerRecord.of(manifest, config, origin);
        for (LayerRecord record : records) {
            long unpacked = layers.ensure(record.chainId(), record.diffId(), () -> content.open(record.blobDigest()),
                    origin + " layer " + record.blobDigest());
            if (unpacked >= 0) {
                this.unpacked.add(record.chainId());
                catalog.recordLayer(record.chainId(), record.diffId(), unpacked);
            }
        }
        content.put(found.manifestBytes());
        ImageRecord image = ImageRecord.stored(found.manifestDigest(), found.manifestBytes().length, manifest, config, records);
        catalog.save(image, found.names());
        return catalog.get(found.manifestDigest()).orElseThrow();
    }

    /** Chain ids of the layers this recorder unpacked (not those that were there already), so a failed load can undo them. */
    public List<Digest> unpackedLayers() {
        return List.copyOf(unpacked);
    }
}
