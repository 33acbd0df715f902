package dev.sandpod.image.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.image.ref.Digest;
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
public final class LayoutWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LayoutWriter() {
    }

    /** One image to write: its manifest and what it points at, and the names to record. */
    public record LayoutImage(Digest manifest, long manifestSize, String mediaType, Digest config, List<Digest> layers,
                              List<String> names) {
        public LayoutImage {
            layers = List.copyOf(layers);
            names = List.copyOf(names);
        }
    }

    /** Where blob bytes come from. */
    public interface Blobs {
        long size(Digest digest) throws IOException;

        InputStream open(Digest digest) throws IOException;
    }

    public static void write(List<LayoutImage> images, Blobs blobs, OutputStream out) throws IOException {
        TarWriter tar = new TarWriter(out);
        writeSmall(tar, "oci-layout", JSON.writeValueAsBytes(JSON.createObjectNode().put("imageLayoutVersion", "1.0.0")));
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode manifests = index.putArray("manifests");
        ArrayNode docker = JSON.createArrayNode();
        Set<Digest> all = new LinkedHashSet<>();
        for (LayoutImage image : images) {
            all.add(image.manifest());
            all.add(image.config());
            all.addAll(image.layers());
            for (String name : image.names().isEmpty() ? List.of("") : image.names()) {
                ObjectNode entry = manifests.addObject()
                        .put("mediaType", image.mediaType())
                        .put("digest", image.manifest().toString())
                        .put("size", image.manifestSize());
                if (!name.isEmpty()) {
                    ObjectNode annotations = entry.putObject("annotations");
                    annotations.put("io.containerd.image.name", name);
                    int colon = name.lastIndexOf(':');
                    if (colon > name.lastIndexOf('/') && !name.contains("@")) {
                        annotations.put("org.opencontainers.image.ref.name", name.substring(colon + 1));
                    }
                }
            }
            ObjectNode d = docker.addObject();
            d.put("Config", blobPath(image.config()));
            ArrayNode tags = d.putArray("RepoTags");
            image.names().stream().filter(n -> !n.contains("@")).forEach(tags::add);
            ArrayNode layers = d.putArray("Layers");
            image.layers().stream().map(LayoutWriter::blobPath).forEach(layers::add);
        }
        writeSmall(tar, "index.json", JSON.writeValueAsBytes(index));
        writeSmall(tar, "manifest.json", JSON.writeValueAsBytes(docker));
        tar.add(TarEntry.dir("blobs/"), null);
        tar.add(TarEntry.dir("blobs/sha256/"), null);
        for (Digest blob : all) {
            try (InputStream in = blobs.open(blob)) {
                tar.add(TarEntry.file(blobPath(blob), 0644, blobs.size(blob)), in);
            }
        }
        tar.close();
    }

    private static void writeSmall(TarWriter tar, String name, byte[] bytes) throws IOException {
        tar.add(TarEntry.file(name, 0644, bytes.length), new ByteArrayInputStream(bytes));
    }

    private static String blobPath(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }
}
