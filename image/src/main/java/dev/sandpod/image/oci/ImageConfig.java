package dev.sandpod.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.InvalidReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The image config blob: platform, DiffIDs of the layers, and the run defaults (kept as JSON for inspect). */
public record ImageConfig(Platform platform, List<Digest> diffIds, Optional<String> created, JsonNode json) {
    public ImageConfig {
        diffIds = List.copyOf(diffIds);
    }

    public static ImageConfig parse(byte[] bytes, String origin) throws ManifestException {
        JsonNode root = Manifests.readJson(bytes, origin);
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode d : root.path("rootfs").path("diff_ids")) {
            try {
                diffIds.add(Digest.parse(d.asText()));
            } catch (InvalidReferenceException e) {
                throw new ManifestException(origin + ": rootfs.diff_ids holds a bad digest: " + e.getMessage(),
                        "the image config is malformed", e);
            }
        }
        Platform platform = new Platform(root.path("os").asText("linux"), root.path("architecture").asText("amd64"),
                root.path("variant").isTextual() ? Optional.of(root.get("variant").asText()) : Optional.empty());
        Optional<String> created = root.path("created").isTextual() ? Optional.of(root.get("created").asText()) : Optional.empty();
        return new ImageConfig(platform, diffIds, created, root);
    }
}
