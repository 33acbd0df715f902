package dev.sandpod.image.oci;

/** What a manifest endpoint or an archive's index can hold: one image, or a list of per-platform images. */
public sealed interface ParsedManifest permits ImageManifest, ManifestList {
    String mediaType();
}
