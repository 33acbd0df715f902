package dev.sandpod.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.tar.TarEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes `docker save` archives by hand: the legacy form (manifest.json, repositories, {@code <id>/layer.tar},
 * {@code <id>/json}, {@code <id>/VERSION}) and docker 25's form where {@code <id>/layer.tar} is a symlink into
 * {@code blobs/sha256/}. Layers are uncompressed tars; their diff ids are computed unless overridden.
 */
final class DockerSaveArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String repoTag;
    private final List<byte[]> layers = new ArrayList<>();
    private List<Digest> diffIds;
    private boolean blobsWithSymlinks;
    private final List<String> missingLayers = new ArrayList<>();

    DockerSaveArchive(String repoTag) {
        this.repoTag = repoTag;
    }

    DockerSaveArchive layer(byte[] tar) {
        layers.add(tar);
        return this;
    }

    /** Lies about the layers' diff ids in the config. */
    DockerSaveArchive diffIds(List<Digest> ids) {
        diffIds = ids;
        return this;
    }

    /** docker 25: layers under blobs/sha256/HEX, with {@code <id>/layer.tar} a relative symlink to them. */
    DockerSaveArchive blobsWithSymlinks() {
        blobsWithSymlinks = true;
        return this;
    }

    /** Names a layer in manifest.json that the archive doesn't hold. */
    DockerSaveArchive missingLayer(String path) {
        missingLayers.add(path);
        return this;
    }

    static String layerId(int index, byte[] tar) {
        return Digest.sha256(("v1-" + index + "-" + Digest.sha256(tar)).getBytes(StandardCharsets.UTF_8)).hex();
    }

    byte[] toBytes() throws IOException {
        List<Digest> ids = diffIds != null ? diffIds : layers.stream().map(Digest::sha256).toList();
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", dev.sandpod.image.oci.Platform.host().architecture());
        config.put("os", "linux");
        config.putObject("config").putArray("Cmd").add("/bin/sh");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffs = rootfs.putArray("diff_ids");
        ids.forEach(d -> diffs.add(d.toString()));
        byte[] configBytes = JSON.writeValueAsBytes(config);
        String configName = Digest.sha256(configBytes).hex() + ".json";

        TarBytes tar = new TarBytes();
        List<String> layerPaths = new ArrayList<>();
        String lastId = null;
        if (blobsWithSymlinks) {
            tar.add(TarEntry.dir("blobs/")).add(TarEntry.dir("blobs/sha256/"));
            for (byte[] layer : layers) {
                tar.file("blobs/sha256/" + Digest.sha256(layer).hex(), layer);
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            byte[] layer = layers.get(i);
            String id = layerId(i, layer);
            lastId = id;
            tar.add(TarEntry.dir(id + "/"));
            tar.file(id + "/VERSION", "1.0");
            tar.file(id + "/json", "{\"id\":\"" + id + "\"}");
            if (blobsWithSymlinks) {
                tar.add(TarEntry.symlink(id + "/layer.tar", "../blobs/sha256/" + Digest.sha256(layer).hex()));
            } else {
                tar.file(id + "/layer.tar", layer);
            }
            layerPaths.add(id + "/layer.tar");
        }
        layerPaths.addAll(missingLayers);
        tar.file(configName, configBytes);
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode entry = manifest.addObject();
        entry.put("Config", configName);
        entry.putArray("RepoTags").add(repoTag);
        ArrayNode layerArray = entry.putArray("Layers");
        layerPaths.forEach(layerArray::add);
        tar.file("manifest.json", JSON.writeValueAsBytes(manifest));
        int colon = repoTag.lastIndexOf(':');
        ObjectNode repositories = JSON.createObjectNode();
        repositories.putObject(repoTag.substring(0, colon)).put(repoTag.substring(colon + 1), lastId == null ? "" : lastId);
        tar.file("repositories", JSON.writeValueAsBytes(repositories));
        return tar.toBytes();
    }

    Path writeTo(Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "docker-save-", ".tar");
        Files.write(file, toBytes());
        return file;
    }
}
