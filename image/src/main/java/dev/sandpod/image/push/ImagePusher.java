package dev.sandpod.image.push;

import dev.sandpod.core.IoErrors;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.ImageRef;
import dev.sandpod.image.registry.RegistryClient;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Pushes a stored image: blobs the registry lacks (config, layers), then the manifest under the tag. */
public final class ImagePusher {
    private final ContentStore content;

    public ImagePusher(ContentStore content) {
        this.content = content;
    }

    /**
     * @param report told each blob's digest and whether it was uploaded (false: the registry had it)
     * @return the digest of the pushed manifest
     */
    public Digest push(ImageRecord image, ImageRef target, RegistryClient client, BiConsumer<Digest, Boolean> report)
            throws SandpodException {
        List<Digest> blobs = new ArrayList<>();
        blobs.add(image.configDigest());
        image.layers().stream().map(LayerRecord::blobDigest).forEach(blobs::add);
        for (Digest blob : blobs) {
            if (client.blobExists(target.repository(), blob)) {
                report.accept(blob, false);
                continue;
            }
            long size = content.size(blob).orElseThrow(() -> new dev.sandpod.image.store.StoreException(
                    "blob " + blob + " of image " + image.manifestDigest() + " is missing from the store",
                    "pull or load the image again before pushing it"));
            try {
                client.uploadBlob(target.repository(), blob, size, () -> {
                    try {
                        return content.open(blob);
                    } catch (SandpodException e) {
                        throw new java.io.IOException(e.getMessage(), e);
                    }
                });
            } catch (java.io.IOException e) {
                throw new dev.sandpod.image.store.StoreException("can't read blob " + blob + " from the store while pushing: "
                        + IoErrors.describe(e), "check the state root; pull or load the image again", e);
            }
            report.accept(blob, true);
        }
        byte[] manifest = content.read(image.manifestDigest());
        String reference = target.tag().orElse(image.manifestDigest().toString());
        return client.putManifest(target.repository(), reference, image.mediaType(), manifest);
    }
}
