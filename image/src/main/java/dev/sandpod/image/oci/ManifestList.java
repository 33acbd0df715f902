package dev.sandpod.image.oci;

import java.util.List;
import java.util.Optional;

/** A multi-platform index (OCI image index or Docker manifest list). */
public record ManifestList(String mediaType, List<Descriptor> manifests) implements ParsedManifest {
    public ManifestList {
        manifests = List.copyOf(manifests);
    }

    /** The first image manifest whose platform serves the wanted one, as Docker picks. */
    public Optional<Descriptor> select(Platform wanted) {
        return manifests.stream()
                .filter(d -> MediaTypes.isManifest(d.mediaType()))
                .filter(d -> d.platform().map(wanted::accepts).orElse(false))
                .findFirst();
    }

    public String offeredPlatforms() {
        return String.join(", ", manifests.stream()
                .map(d -> d.platform().map(Platform::toString).orElse("unknown")).distinct().toList());
    }
}
