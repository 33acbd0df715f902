package dev.sandpod.api.images;

import dev.sandpod.client.model.ImageLayer;
import dev.sandpod.client.model.ImageSummary;
import dev.sandpod.image.store.ImageRecord;

import java.util.List;

/** Stored images as the API shows them (the same shape as `sandpod image ls -o json`). */
final class ImageJson {
    private ImageJson() {
    }

    static ImageSummary of(ImageRecord image) {
        List<ImageLayer> layers = image.layers().stream()
                .map(l -> new ImageLayer(l.blobDigest().toString(), l.mediaType(), l.blobSize(), l.diffId().toString(), l.chainId().toString()))
                .toList();
        return new ImageSummary(image.manifestDigest().toString(), image.names(), image.mediaType(), image.configDigest().toString(),
                image.platform().toString(), image.size(), image.createdAt().toString(), image.lastUsedAt().toString(), layers);
    }
}
