package dev.sandpod.image.archive;

import dev.sandpod.core.IoErrors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.oci.Descriptor;
import dev.sandpod.image.oci.ImageManifest;
import dev.sandpod.image.oci.ManifestList;
import dev.sandpod.image.oci.Manifests;
import dev.sandpod.image.oci.MediaTypes;
import dev.sandpod.image.oci.ParsedManifest;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.ImageRef;
import dev.sandpod.image.ref.InvalidReferenceException;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.StoreException;
import dev.sandpod.image.tar.EntryType;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarReader;
import dev.sandpod.image.unpack.Decompression;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an image archive from a stream (a file or stdin, gzip-compressed or not): OCI image layouts
 * (index.json) and `docker save` archives (manifest.json). The archive's entries are never written to disk
 * by their names, only into the content store by digest, so a hostile archive can't write outside the store.
 */
public final class ArchiveLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContentStore content;

    public ArchiveLoader(ContentStore content) {
        this.content = content;
    }

    /** One image found in the archive: its manifest (already in the store) and the names it carries. */
    public record FoundImage(Digest manifestDigest, byte[] manifestBytes, ImageManifest manifest, List<String> names) {
    }

    /** The archive's images, with every blob they need in the store; {@code added} lists blobs new to the store. */
    public record Loaded(List<FoundImage> images, java.util.Set<Digest> added) {
    }

    public Loaded read(InputStream raw, String origin, Platform platform) throws SandpodException {
        ArchiveContents contents = new ArchiveContents();
        try {
            readEntries(raw, origin, contents);
            List<FoundImage> images = contents.has("index.json") ? fromOciIndex(contents, origin, platform)
                    : contents.has("manifest.json") ? fromDockerManifest(contents, origin)
                    : List.of();
            if (images.isEmpty()) {
                throw new ArchiveException(origin, "it holds no image (neither index.json nor manifest.json names one)");
            }
            return new Loaded(images, contents.addedToStore());
        } catch (SandpodException | RuntimeException e) {
            forget(contents, e);
            throw e;
        }
    }

    /** Removes blobs a failed load added, so the store is as it was. */
    public void forget(java.util.Set<Digest> added, Exception cause) {
        for (Digest d : added) {
            try {
                content.delete(d);
            } catch (StoreException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private void forget(ArchiveContents contents, Exception cause) {
        forget(contents.addedToStore(), cause);
    }

    private void readEntries(InputStream raw, String origin, ArchiveContents contents) throws SandpodException {
        try (TarReader tar = new TarReader(Decompression.open(raw))) {
            for (Optional<TarEntry> next = tar.next(); next.isPresent(); next = tar.next()) {
                TarEntry entry = next.get();
                String path = ArchiveContents.normalise(entry.name());
                switch (entry.type()) {
                    case FILE -> {
                        if (entry.size() <= ArchiveContents.SMALL) {
                            contents.putSmall(path, tar.content().readAllBytes());
                        } else {
                            ContentStore.Stored stored = content.putStream(tar.content());
                            contents.putStored(path, stored.digest(), stored.size(), stored.added());
                        }
                    }
                    case SYMLINK, HARDLINK -> contents.putLink(path,
                            entry.type() == EntryType.HARDLINK ? "/" + entry.linkName() : entry.linkName());
                    default -> {
                        // Folders and anything else carry no image content.
                    }
                }
            }
        } catch (IOException e) {
            if (StoreException.isDiskFull(e)) {
                throw StoreException.writing("archive " + origin, java.nio.file.Path.of("content"), e);
            }
            throw new ArchiveException(origin, "can't read it as a tar archive: " + e.getMessage(), e);
        }
    }

    private List<FoundImage> fromOciIndex(ArchiveContents contents, String origin, Platform platform) throws SandpodException {
        ParsedManifest top = Manifests.parse(contents.small("index.json").orElseThrow(), MediaTypes.OCI_INDEX, origin + " index.json");
        if (!(top instanceof ManifestList index)) {
            throw new ArchiveException(origin, "index.json is not an image index");
        }
        List<FoundImage> out = new ArrayList<>();
        for (Descriptor d : index.manifests()) {
            List<String> names = namesFromAnnotations(contents, d);
            byte[] bytes = blobBytes(contents, d.digest(), origin);
            ParsedManifest parsed = Manifests.parse(bytes, d.mediaType(), origin + " " + d.digest());
            if (parsed instanceof ManifestList nested) {
                Descriptor chosen = nested.select(platform).orElseThrow(() -> new ArchiveException(origin,
                        "image " + d.digest() + " has no variant for " + platform + " (it offers " + nested.offeredPlatforms() + ")"));
                bytes = blobBytes(contents, chosen.digest(), origin);
                parsed = Manifests.parse(bytes, chosen.mediaType(), origin + " " + chosen.digest());
            }
            if (parsed instanceof ImageManifest image) {
                out.add(new FoundImage(Digest.sha256(bytes), bytes, requireBlobs(contents, image, origin), names));
            }
        }
        return out;
    }

    /** Names from the index entry's annotations (containerd's full name, or the OCI ref name). */
    private List<String> namesFromAnnotations(ArchiveContents contents, Descriptor d) {
        List<String> names = new ArrayList<>();
        try {
            JsonNode index = JSON.readTree(contents.small("index.json").orElseThrow());
            for (JsonNode m : index.path("manifests")) {
                if (!d.digest().toString().equals(m.path("digest").asText())) {
                    continue;
                }
                JsonNode annotations = m.path("annotations");
                String full = annotations.path("io.containerd.image.name").asText("");
                String refName = annotations.path("org.opencontainers.image.ref.name").asText("");
                for (String candidate : List.of(full, refName)) {
                    if (candidate.contains("/") || candidate.contains(":")) {
                        try {
                            names.add(ImageRef.parse(candidate).toString());
                            break;
                        } catch (InvalidReferenceException ignored) {
                            // A bare tag such as "latest" is not a name on its own; try the next annotation.
                        }
                    }
                }
            }
        } catch (IOException e) {
            // index.json was parsed once already; a second read of the same bytes can't fail.
            throw new IllegalStateException(e);
        }
        return names.stream().distinct().toList();
    }

    private List<FoundImage> fromDockerManifest(ArchiveContents contents, String origin) throws SandpodException {
        JsonNode root;
        try {
            root = JSON.readTree(contents.small("manifest.json").orElseThrow());
        } catch (IOException e) {
            throw new ArchiveException(origin, "manifest.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new ArchiveException(origin, "manifest.json is not a list of images");
        }
        List<FoundImage> out = new ArrayList<>();
        for (JsonNode image : root) {
            String configPath = image.path("Config").asText("");
            if (configPath.isEmpty()) {
                throw new ArchiveException(origin, "an entry of manifest.json has no Config");
            }
            Descriptor config = importFile(contents, configPath, MediaTypes.OCI_CONFIG, origin);
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode layer : image.path("Layers")) {
                Descriptor stored = importFile(contents, layer.asText(), MediaTypes.OCI_LAYER, origin);
                layers.add(new Descriptor(layerMediaType(stored.digest()), stored.digest(), stored.size()));
            }
            ImageManifest manifest = new ImageManifest(MediaTypes.OCI_MANIFEST, config, layers);
            // Not stored here: ImageRecorder stores it once the image is whole, so a failed load leaves no manifest behind.
            byte[] bytes = manifest.toJson();
            List<String> names = new ArrayList<>();
            for (JsonNode tag : image.path("RepoTags")) {
                try {
                    names.add(ImageRef.parse(tag.asText()).toString());
                } catch (InvalidReferenceException e) {
                    throw new ArchiveException(origin, "manifest.json has a bad RepoTags entry: " + e.getMessage(), e);
                }
            }
            out.add(new FoundImage(Digest.sha256(bytes), bytes, manifest, names));
        }
        return out;
    }

    /** Makes sure an archive file is in the store and describes it. */
    private Descriptor importFile(ArchiveContents contents, String path, String mediaType, String origin) throws SandpodException {
        Optional<ArchiveContents.StoredFile> stored = contents.stored(path);
        if (stored.isPresent()) {
            return new Descriptor(mediaType, stored.get().digest(), stored.get().size());
        }
        byte[] bytes = contents.small(path).orElseThrow(() -> new ArchiveException(origin,
                "manifest.json names " + path + ", which is not in the archive"));
        boolean had = content.has(Digest.sha256(bytes));
        Digest digest = content.put(bytes);
        if (!had) {
            contents.putStored(path, digest, bytes.length, true);
        }
        return new Descriptor(mediaType, digest, bytes.length);
    }

    private byte[] blobBytes(ArchiveContents contents, Digest digest, String origin) throws SandpodException {
        String path = "blobs/" + digest.algorithm() + "/" + digest.hex();
        byte[] bytes = contents.small(path).orElseThrow(() -> new ArchiveException(origin,
                "it names " + digest + " but holds no " + path + " (or it is too large for a manifest)"));
        if (!Digest.sha256(bytes).equals(digest)) {
            throw new ArchiveException(origin, path + " does not match its digest");
        }
        return bytes;
    }

    /** Puts the config and layers of an OCI-layout image into the store, checking each digest. */
    private ImageManifest requireBlobs(ArchiveContents contents, ImageManifest image, String origin) throws SandpodException {
        List<Descriptor> all = new ArrayList<>(image.layers());
        all.add(image.config());
        for (Descriptor d : all) {
            String path = "blobs/" + d.digest().algorithm() + "/" + d.digest().hex();
            Optional<ArchiveContents.StoredFile> stored = contents.stored(path);
            if (stored.isPresent()) {
                if (!stored.get().digest().equals(d.digest())) {
                    throw new ArchiveException(origin, path + " does not match its digest (it hashes to " + stored.get().digest() + ")");
                }
            } else {
                Descriptor imported = importFile(contents, path, d.mediaType(), origin);
                if (!imported.digest().equals(d.digest())) {
                    throw new ArchiveException(origin, path + " does not match its digest (it hashes to " + imported.digest() + ")");
                }
            }
        }
        return image;
    }

    /** docker save keeps layers uncompressed or (newer) as whatever the registry had; name the real format. */
    private String layerMediaType(Digest blob) throws SandpodException {
        try (InputStream in = content.open(blob)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return MediaTypes.OCI_LAYER_GZIP;
            }
            if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                    && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
                return MediaTypes.OCI_LAYER_ZSTD;
            }
            return MediaTypes.OCI_LAYER;
        } catch (IOException e) {
            throw new StoreException("can't read blob " + blob + ": " + IoErrors.describe(e), "check the state root", e);
        }
    }
}
