package dev.sandpod.image.archive;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.oci.Descriptor;
import dev.sandpod.image.oci.ImageConfig;
import dev.sandpod.image.oci.ManifestException;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.store.ChainIds;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.ImageCatalog;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;
import dev.sandpod.image.store.LayerStore;

import java.time.Instant;
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
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new ManifestException(origin + ": the manifest lists " + manifest.layers().size()
                    + " layers but the config lists " + config.diffIds().size() + " diff_ids", "the archive is malformed");
        }
        List<Digest> chains = ChainIds.of(config.diffIds());
        List<LayerRecord> records = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            LayerRecord record = new LayerRecord(layer.digest(), layer.mediaType(), layer.size(), config.diffIds().get(i), chains.get(i));
            long unpacked = layers.ensure(record.chainId(), record.diffId(), () -> content.open(layer.digest()),
                    origin + " layer " + layer.digest());
            if (unpacked >= 0) {
                this.unpacked.add(record.chainId());
                catalog.recordLayer(record.chainId(), record.diffId(), unpacked);
            }
            records.add(record);
        }
        content.put(found.manifestBytes());
        long size = found.manifestBytes().length + manifest.config().size()
                + manifest.layers().stream().mapToLong(Descriptor::size).sum();
        Instant now = Instant.now();
        ImageRecord image = new ImageRecord(found.manifestDigest(), manifest.mediaType(), manifest.config().digest(),
                config.platform(), size, now, now, records, List.of());
        catalog.save(image, found.names());
        return catalog.get(found.manifestDigest()).orElseThrow();
    }

    /** Chain ids of the layers this recorder unpacked (not those that were there already), so a failed load can undo them. */
    public List<Digest> unpackedLayers() {
        return List.copyOf(unpacked);
    }
}
