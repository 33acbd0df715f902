package dev.sandpod.image.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.image.archive.LayoutWriter;
import dev.sandpod.image.oci.Descriptor;
import dev.sandpod.image.oci.ImageManifest;
import dev.sandpod.image.oci.MediaTypes;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarWriter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds an image from scratch, layer by layer, into an archive that `image load` (or docker load) takes.
 * Tests and the demo make their images with it, so nothing depends on an outside registry.
 */
public final class ScratchImageBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One layer entry and where its content comes from (null for entries without content). */
    public record LayerEntry(TarEntry entry, ContentSource content) {
        public static LayerEntry of(TarEntry entry) {
            return new LayerEntry(entry, null);
        }

        public static LayerEntry file(String name, int mode, byte[] bytes) {
            return new LayerEntry(TarEntry.file(name, mode, bytes.length), () -> new ByteArrayInputStream(bytes));
        }

        public static LayerEntry hostFile(String name, int mode, Path source) throws IOException {
            return new LayerEntry(TarEntry.file(name, mode, Files.size(source)), () -> Files.newInputStream(source));
        }
    }

    @FunctionalInterface
    public interface ContentSource {
        InputStream open() throws IOException;
    }

    private final List<List<LayerEntry>> layers = new ArrayList<>();
    private Platform platform = Platform.host();
    private List<String> cmd = List.of();
    private List<String> env = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    private boolean compress = true;
    private String user = "";
    private String workingDir = "";

    public ScratchImageBuilder layer(List<LayerEntry> entries) {
        layers.add(List.copyOf(entries));
        return this;
    }

    public ScratchImageBuilder cmd(String... argv) {
        cmd = List.of(argv);
        return this;
    }

    /** The config's User (like app or 1000:1000). */
    public ScratchImageBuilder user(String value) {
        user = value;
        return this;
    }

    /** The config's WorkingDir. */
    public ScratchImageBuilder workingDir(String value) {
        workingDir = value;
        return this;
    }

    /** The config's Env, replacing the default PATH-only one. */
    public ScratchImageBuilder env(String... entries) {
        env = List.of(entries);
        return this;
    }

    public ScratchImageBuilder platform(Platform p) {
        platform = p;
        return this;
    }

    /** Uncompressed layers, as old `docker save` writes them. */
    public ScratchImageBuilder uncompressed() {
        compress = false;
        return this;
    }

    private record BuiltLayer(Path file, Digest digest, long size, Digest diffId) {
    }

    /** Writes the image, named as given, as an archive into {@code out}; temporary files go to {@code workDir}. */
    public Digest writeArchive(OutputStream out, List<String> names, Path workDir) throws IOException {
        List<BuiltLayer> built = new ArrayList<>();
        Map<Digest, Path> files = new HashMap<>();
        Map<Digest, byte[]> small = new HashMap<>();
        try {
            for (List<LayerEntry> entries : layers) {
                BuiltLayer layer = buildLayer(entries, workDir);
                built.add(layer);
                files.put(layer.digest(), layer.file());
            }
            byte[] config = config(built);
            Digest configDigest = Digest.sha256(config);
            small.put(configDigest, config);
            String layerType = compress ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER;
            ImageManifest manifest = new ImageManifest(MediaTypes.OCI_MANIFEST,
                    new Descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length),
                    built.stream().map(l -> new Descriptor(layerType, l.digest(), l.size())).toList());
            byte[] manifestBytes = manifest.toJson();
            Digest manifestDigest = Digest.sha256(manifestBytes);
            small.put(manifestDigest, manifestBytes);
            LayoutWriter.write(List.of(new LayoutWriter.LayoutImage(manifestDigest, manifestBytes.length, MediaTypes.OCI_MANIFEST,
                    configDigest, built.stream().map(BuiltLayer::digest).toList(), names)), new LayoutWriter.Blobs() {
                @Override
                public long size(Digest digest) throws IOException {
                    return small.containsKey(digest) ? small.get(digest).length : Files.size(files.get(digest));
                }

                @Override
                public InputStream open(Digest digest) throws IOException {
                    return small.containsKey(digest) ? new ByteArrayInputStream(small.get(digest)) : Files.newInputStream(files.get(digest));
                }
            }, out);
            return manifestDigest;
        } finally {
            for (BuiltLayer layer : built) {
                Files.deleteIfExists(layer.file());
            }
        }
    }

    private BuiltLayer buildLayer(List<LayerEntry> entries, Path workDir) throws IOException {
        Path file = Files.createTempFile(workDir, "layer-", compress ? ".tar.gz" : ".tar");
        MessageDigest compressed = Digest.newSha256();
        MessageDigest uncompressed = Digest.newSha256();
        try (OutputStream fileOut = new DigestOutputStream(Files.newOutputStream(file), compressed);
             OutputStream packed = compress ? new GZIPOutputStream(fileOut, 1 << 16) : fileOut;
             OutputStream raw = new DigestOutputStream(packed, uncompressed)) {
            TarWriter tar = new TarWriter(raw);
            for (LayerEntry e : entries) {
                if (e.content() == null) {
                    tar.add(e.entry(), null);
                } else {
                    try (InputStream in = e.content().open()) {
                        tar.add(e.entry(), in);
                    }
                }
            }
            tar.close();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new BuiltLayer(file, Digest.ofSha256(compressed), Files.size(file), Digest.ofSha256(uncompressed));
    }

    private byte[] config(List<BuiltLayer> built) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("created", Instant.EPOCH.toString());
        root.put("architecture", platform.architecture());
        root.put("os", platform.os());
        platform.variant().ifPresent(v -> root.put("variant", v));
        ObjectNode config = root.putObject("config");
        ArrayNode envArray = config.putArray("Env");
        env.forEach(envArray::add);
        if (!user.isEmpty()) {
            config.put("User", user);
        }
        if (!workingDir.isEmpty()) {
            config.put("WorkingDir", workingDir);
        }
        if (!cmd.isEmpty()) {
            ArrayNode cmdArray = config.putArray("Cmd");
            cmd.forEach(cmdArray::add);
        }
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        built.forEach(l -> diffIds.add(l.diffId().toString()));
        return JSON.writeValueAsBytes(root);
    }
}
