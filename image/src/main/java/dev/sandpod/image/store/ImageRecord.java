package dev.sandpod.image.store;

import dev.sandpod.image.oci.ImageConfig;
import dev.sandpod.image.oci.ImageManifest;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;

import java.time.Instant;
import java.util.List;

/**
 * A stored image.
 *
 * @param manifestDigest the image's id: the digest of its (platform-specific) manifest
 * @param size           bytes of its blobs as pulled (manifest, config and layers)
 * @param names          the references that point at it, such as docker.io/library/busybox:latest
 */
public record ImageRecord(Digest manifestDigest, String mediaType, Digest configDigest, Platform platform, long size,
                          Instant createdAt, Instant lastUsedAt, List<LayerRecord> layers, List<String> names) {
    public ImageRecord {
        layers = List.copyOf(layers);
        names = List.copyOf(names);
    }

    /** A newly stored image, used now, with no names yet (the catalog adds them). */
    public static ImageRecord stored(Digest manifestDigest, int manifestLength, ImageManifest manifest, ImageConfig config,
                                     List<LayerRecord> layers) {
        long size = manifestLength + manifest.config().size() + layers.stream().mapToLong(LayerRecord::blobSize).sum();
        Instant now = Instant.now();
        return new ImageRecord(manifestDigest, manifest.mediaType(), manifest.config().digest(), config.platform(), size,
                now, now, layers, List.of());
    }

    /** Every blob the image needs: manifest, config and layers. */
    public List<Digest> blobs() {
        var out = new java.util.ArrayList<Digest>();
        out.add(manifestDigest);
        out.add(configDigest);
        layers.forEach(l -> out.add(l.blobDigest()));
        return out;
    }
}
