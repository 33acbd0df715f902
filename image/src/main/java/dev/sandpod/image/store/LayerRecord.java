package dev.sandpod.image.store;

import dev.sandpod.image.oci.Descriptor;
import dev.sandpod.image.oci.ImageConfig;
import dev.sandpod.image.oci.ImageManifest;
import dev.sandpod.image.oci.ManifestException;
import dev.sandpod.image.ref.Digest;

import java.util.ArrayList;
import java.util.List;

/** One layer of a stored image: the blob as pulled, and the unpacked tree it became (named by chain id). */
public record LayerRecord(Digest blobDigest, String mediaType, long blobSize, Digest diffId, Digest chainId) {

    /** The layers of an image, bottom first, pairing the manifest's blobs with the config's diff ids. */
    public static List<LayerRecord> of(ImageManifest manifest, ImageConfig config, String origin) throws ManifestException {
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new ManifestException(origin + ": the manifest lists " + manifest.layers().size()
                    + " layers but the config lists " + config.diffIds().size() + " diff_ids",
                    "the image is malformed; build or push it again");
        }
        List<Digest> chains = ChainIds.of(config.diffIds());
        List<LayerRecord> records = new ArrayList<>();
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            records.add(new LayerRecord(layer.digest(), layer.mediaType(), layer.size(), config.diffIds().get(i), chains.get(i)));
        }
        return records;
    }

    public Descriptor descriptor() {
        return new Descriptor(mediaType, blobDigest, blobSize);
    }
}
