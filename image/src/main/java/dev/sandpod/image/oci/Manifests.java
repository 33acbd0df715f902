package dev.sandpod.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.InvalidReferenceException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses manifests and indexes strictly enough that a bad one fails here, with its origin named, not later. */
public final class Manifests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    /**
     * @param contentType the media type the registry or archive gave, may be empty; the document's own
     *                    mediaType field wins when present
     * @param origin      where the bytes came from, for error messages
     */
    public static ParsedManifest parse(byte[] bytes, String contentType, String origin) throws ManifestException {
        JsonNode root = readJson(bytes, origin);
        String mediaType = root.path("mediaType").asText(contentType == null ? "" : contentType);
        if (mediaType.isEmpty()) {
            // OCI allows an unset mediaType: the shape tells.
            mediaType = root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        }
        if (root.path("schemaVersion").asInt() != 2) {
            throw new ManifestException(origin + ": manifest schemaVersion " + root.path("schemaVersion")
                    + " is not supported (only schema 2)", "re-push the image with a current Docker, podman or skopeo");
        }
        if (MediaTypes.isIndex(mediaType)) {
            List<Descriptor> manifests = new ArrayList<>();
            for (JsonNode m : root.path("manifests")) {
                manifests.add(descriptor(m, origin, "manifests[]"));
            }
            return new ManifestList(mediaType, manifests);
        }
        if (MediaTypes.isManifest(mediaType)) {
            Descriptor config = descriptor(root.path("config"), origin, "config");
            List<Descriptor> layers = new ArrayList<>();
            for (JsonNode l : root.path("layers")) {
                Descriptor layer = descriptor(l, origin, "layers[]");
                if (!MediaTypes.LAYERS.contains(layer.mediaType())) {
                    throw new ManifestException(origin + ": layer " + layer.digest() + " has media type " + layer.mediaType()
                            + ", which is not a container filesystem layer", "this is not a runnable container image (an artifact?)");
                }
                layers.add(layer);
            }
            return new ImageManifest(mediaType, config, layers);
        }
        throw new ManifestException(origin + ": media type '" + mediaType + "' is not an image manifest or index",
                "sandpod reads OCI and Docker schema 2 images");
    }

    static JsonNode readJson(byte[] bytes, String origin) throws ManifestException {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new ManifestException(origin + ": not a JSON object", "the registry or archive sent something else than a manifest");
            }
            return root;
        } catch (IOException e) {
            throw new ManifestException(origin + ": not valid JSON: " + e.getMessage(), "the registry or archive is corrupt", e);
        }
    }

    static Descriptor descriptor(JsonNode node, String origin, String field) throws ManifestException {
        if (!node.isObject() || !node.path("digest").isTextual() || !node.path("size").canConvertToLong()) {
            throw new ManifestException(origin + ": " + field + " lacks a digest or size", "the manifest is malformed");
        }
        Digest digest;
        try {
            digest = Digest.parse(node.get("digest").asText());
        } catch (InvalidReferenceException e) {
            throw new ManifestException(origin + ": " + field + " has a bad digest: " + e.getMessage(), "the manifest is malformed", e);
        }
        long size = node.get("size").asLong();
        if (size < 0) {
            throw new ManifestException(origin + ": " + field + " " + digest + " has a negative size", "the manifest is malformed");
        }
        Optional<Platform> platform = Optional.empty();
        JsonNode p = node.path("platform");
        if (p.isObject() && p.path("os").isTextual() && p.path("architecture").isTextual()) {
            platform = Optional.of(new Platform(p.get("os").asText(), p.get("architecture").asText(),
                    p.path("variant").isTextual() ? Optional.of(p.get("variant").asText()) : Optional.empty()));
        }
        return new Descriptor(node.path("mediaType").asText(""), digest, size, platform);
    }
}
