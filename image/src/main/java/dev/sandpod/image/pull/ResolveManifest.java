package dev.sandpod.image.pull;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.oci.ImageManifest;
import dev.sandpod.image.oci.ManifestException;
import dev.sandpod.image.oci.ManifestList;
import dev.sandpod.image.oci.Manifests;
import dev.sandpod.image.oci.ParsedManifest;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.ImageRef;
import dev.sandpod.image.registry.ManifestResponse;
import dev.sandpod.image.registry.RegistryException;
import dev.sandpod.image.registry.RegistryUnauthorizedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Step one of a pull: finds the image's manifest for the wanted platform, trying each source in turn
 * (mirrors first), and says which source answered so the blobs come from the same place.
 */
final class ResolveManifest {
    private final ImageRef ref;
    private final Platform platform;
    private final List<RegistryAccess.Source> sources;

    ResolveManifest(ImageRef ref, Platform platform, List<RegistryAccess.Source> sources) {
        this.ref = ref;
        this.platform = platform;
        this.sources = sources;
    }

    /** The chosen manifest, the index it came from (if any), and the source that served them. */
    record Resolved(RegistryAccess.Source source, ManifestResponse manifest, ImageManifest image,
                    Optional<ManifestResponse> index) {
    }

    Resolved call() throws SandpodException {
        List<SandpodException> mirrorFailures = new ArrayList<>();
        for (RegistryAccess.Source source : sources) {
            try {
                return resolveAt(source);
            } catch (RegistryException e) {
                if (!source.mirror()) {
                    mirrorFailures.forEach(e::addSuppressed);
                    throw e;
                }
                mirrorFailures.add(e);
            }
        }
        // Only mirrors were allowed and all failed: report the first, it says most about the config.
        SandpodException first = mirrorFailures.getFirst();
        mirrorFailures.stream().skip(1).forEach(first::addSuppressed);
        throw first;
    }

    private Resolved resolveAt(RegistryAccess.Source source) throws SandpodException {
        String origin = source.host() + "/" + ref.repository();
        ManifestResponse top = source.client().fetchManifest(ref.repository(), ref.manifestReference());
        ParsedManifest parsed = Manifests.parse(top.bytes(), top.mediaType(), origin + "@" + top.digest());
        if (parsed instanceof ImageManifest image) {
            return new Resolved(source, top, image, Optional.empty());
        }
        ManifestList list = (ManifestList) parsed;
        Digest chosen = list.select(platform).orElseThrow(() -> new ManifestException(
                "image " + ref + " has no variant for platform " + platform + " (it offers: " + list.offeredPlatforms() + ")",
                "pass --platform with one of those, or use an image built for " + platform)).digest();
        ManifestResponse manifest;
        try {
            manifest = source.client().fetchManifest(ref.repository(), chosen.toString());
        } catch (RegistryUnauthorizedException e) {
            throw e;
        }
        ParsedManifest inner = Manifests.parse(manifest.bytes(), manifest.mediaType(), origin + "@" + chosen);
        if (!(inner instanceof ImageManifest image)) {
            throw new ManifestException(origin + ": index entry " + chosen + " is itself an index",
                    "nested indexes are not supported; pull by the platform manifest's digest");
        }
        return new Resolved(source, manifest, image, Optional.of(top));
    }
}
