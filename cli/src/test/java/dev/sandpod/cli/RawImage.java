package dev.sandpod.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStream;
import dev.sandpod.image.oci.MediaTypes;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.registry.RegistryClient;
import dev.sandpod.image.registry.RegistryException;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A one-layer image made in memory, byte by byte, for what `image load` can't produce: zstd layers,
 * platform manifests for an index, and images served by a fake registry.
 */
record RawImage(byte[] layer, String layerMediaType, Digest diffId, byte[] config, byte[] manifest, Platform platform) {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Compression { NONE, GZIP, ZSTD }

    /** An image of one layer holding {@code path} with {@code content}. */
    static RawImage of(String path, byte[] content, Compression compression, Platform platform) {
        try {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            TarWriter writer = new TarWriter(tar);
            writer.add(TarEntry.dir(path.substring(0, path.lastIndexOf('/') + 1)), null);
            writer.add(TarEntry.file(path, 0755, content.length), new ByteArrayInputStream(content));
            writer.close();
            byte[] raw = tar.toByteArray();
            ByteArrayOutputStream packed = new ByteArrayOutputStream();
            String mediaType;
            switch (compression) {
                case NONE -> {
                    packed.write(raw);
                    mediaType = MediaTypes.OCI_LAYER;
                }
                case GZIP -> {
                    try (OutputStream out = new GZIPOutputStream(packed)) {
                        out.write(raw);
                    }
                    mediaType = MediaTypes.OCI_LAYER_GZIP;
                }
                default -> {
                    try (OutputStream out = new ZstdOutputStream(packed)) {
                        out.write(raw);
                    }
                    mediaType = MediaTypes.OCI_LAYER_ZSTD;
                }
            }
            byte[] layer = packed.toByteArray();
            Digest diffId = Digest.sha256(raw);
            ObjectNode config = JSON.createObjectNode();
            config.put("architecture", platform.architecture());
            config.put("os", platform.os());
            config.putObject("config").putArray("Cmd").add("/bin/sh");
            ObjectNode rootfs = config.putObject("rootfs");
            rootfs.put("type", "layers");
            rootfs.putArray("diff_ids").add(diffId.toString());
            byte[] configBytes = JSON.writeValueAsBytes(config);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
            manifest.set("config", descriptor(MediaTypes.OCI_CONFIG, Digest.sha256(configBytes), configBytes.length));
            manifest.putArray("layers").add(descriptor(mediaType, Digest.sha256(layer), layer.length));
            return new RawImage(layer, mediaType, diffId, configBytes, JSON.writeValueAsBytes(manifest), platform);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An image whose layer is /bin/busybox. */
    static RawImage busybox(Compression compression, Platform platform) throws IOException {
        return of("bin/busybox", Files.readAllBytes(TestImages.BUSYBOX), compression, platform);
    }

    Digest layerDigest() {
        return Digest.sha256(layer);
    }

    Digest configDigest() {
        return Digest.sha256(config);
    }

    Digest manifestDigest() {
        return Digest.sha256(manifest);
    }

    /** Blobs by digest (config and layer). */
    Map<Digest, byte[]> blobs() {
        Map<Digest, byte[]> out = new LinkedHashMap<>();
        out.put(configDigest(), config);
        out.put(layerDigest(), layer);
        return out;
    }

    /** Uploads the blobs and puts the manifest under {@code tag} (a tag, or the digest as reference). */
    Digest push(RegistryClient client, String repository, String tag) throws RegistryException, IOException {
        for (Map.Entry<Digest, byte[]> blob : blobs().entrySet()) {
            byte[] bytes = blob.getValue();
            client.uploadBlob(repository, blob.getKey(), bytes.length, () -> new ByteArrayInputStream(bytes));
        }
        return client.putManifest(repository, tag, MediaTypes.OCI_MANIFEST, manifest);
    }

    /** An OCI index over these images, each entry with its platform. */
    static byte[] index(List<RawImage> images) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (RawImage image : images) {
            ObjectNode d = descriptor(MediaTypes.OCI_MANIFEST, image.manifestDigest(), image.manifest().length);
            d.putObject("platform").put("os", image.platform().os()).put("architecture", image.platform().architecture());
            manifests.add(d);
        }
        try {
            return JSON.writeValueAsBytes(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }
}
