package dev.sandpod.image.archive;

import dev.sandpod.core.IoErrors;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;
import dev.sandpod.image.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** Writes stored images as an archive that docker, podman, skopeo and sandpod can load (see {@link LayoutWriter}). */
public final class ArchiveSaver {
    private final ContentStore content;

    public ArchiveSaver(ContentStore content) {
        this.content = content;
    }

    public void save(List<ImageRecord> images, OutputStream out) throws SandpodException {
        List<LayoutWriter.LayoutImage> layout = new ArrayList<>();
        for (ImageRecord image : images) {
            for (Digest blob : image.blobs()) {
                if (!content.has(blob)) {
                    throw new StoreException("blob " + blob + " of image " + image.manifestDigest() + " is missing from the store",
                            "pull or load the image again before saving it");
                }
            }
            layout.add(new LayoutWriter.LayoutImage(image.manifestDigest(), content.size(image.manifestDigest()).orElseThrow(),
                    image.mediaType(), image.configDigest(), image.layers().stream().map(LayerRecord::blobDigest).toList(), image.names()));
        }
        try {
            LayoutWriter.write(layout, new LayoutWriter.Blobs() {
                @Override
                public long size(Digest digest) {
                    return content.size(digest).orElseThrow();
                }

                @Override
                public InputStream open(Digest digest) throws IOException {
                    try {
                        return content.open(digest);
                    } catch (StoreException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
            }, out);
        } catch (IOException e) {
            throw new StoreException("can't write the archive: " + IoErrors.describe(e), "check the output file's disk and path", e);
        }
    }
}
