package dev.sandpod.image.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;
import dev.sandpod.image.store.StoreException;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes images as one tar that is both an OCI image layout (oci-layout, index.json, blobs/) and a
 * `docker save` archive (manifest.json pointing into blobs/), so docker, podman, skopeo and sandpod all load it.
 */
public final class ArchiveSaver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContentStore content;

    public ArchiveSaver(ContentStore content) {
        this.content = content;
    }

    public void save(List<ImageRecord> images, OutputStream out) throws SandpodException {
        try {
            TarWriter tar = new TarWriter(out);
            writeSmall(tar, "oci-layout", JSON.writeValueAsBytes(JSON.createObjectNode().put("imageLayoutVersion", "1.0.0")));
            ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
            ArrayNode manifests = index.putArray("manifests");
            ArrayNode docker = JSON.createArrayNode();
            Set<Digest> blobs = new LinkedHashSet<>();
            for (ImageRecord image : images) {
                blobs.addAll(image.blobs());
                long manifestSize = content.size(image.manifestDigest()).orElse(0L);
                for (String name : image.names().isEmpty() ? List.of("") : image.names()) {
                    ObjectNode entry = manifests.addObject()
                            .put("mediaType", image.mediaType())
                            .put("digest", image.manifestDigest().toString())
                            .put("size", manifestSize);
                    if (!name.isEmpty()) {
                        ObjectNode annotations = entry.putObject("annotations");
                        annotations.put("io.containerd.image.name", name);
                        int colon = name.lastIndexOf(':');
                        if (colon > name.lastIndexOf('/')) {
                            annotations.put("org.opencontainers.image.ref.name", name.substring(colon + 1));
                        }
                    }
                }
                ObjectNode d = docker.addObject();
                d.put("Config", blobPath(image.configDigest()));
                ArrayNode tags = d.putArray("RepoTags");
                image.names().stream().filter(n -> !n.contains("@")).forEach(tags::add);
                ArrayNode layers = d.putArray("Layers");
                image.layers().stream().map(LayerRecord::blobDigest).map(ArchiveSaver::blobPath).forEach(layers::add);
            }
            writeSmall(tar, "index.json", JSON.writeValueAsBytes(index));
            writeSmall(tar, "manifest.json", JSON.writeValueAsBytes(docker));
            tar.add(TarEntry.dir("blobs/"), null);
            tar.add(TarEntry.dir("blobs/sha256/"), null);
            for (Digest blob : blobs) {
                long size = content.size(blob).orElseThrow(() -> new StoreException("blob " + blob + " is missing from the store",
                        "pull the image again before saving it"));
                try (InputStream in = content.open(blob)) {
                    tar.add(TarEntry.file(blobPath(blob), 0644, size), in);
                }
            }
            tar.close();
        } catch (IOException e) {
            throw new StoreException("can't write the archive: " + e.getMessage(), "check the output file's disk and path", e);
        }
    }

    private static void writeSmall(TarWriter tar, String name, byte[] bytes) throws IOException {
        tar.add(TarEntry.file(name, 0644, bytes.length), new ByteArrayInputStream(bytes));
    }

    private static String blobPath(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }
}
