package dev.sandpod.image.registry;

import dev.sandpod.image.ref.Digest;
import java.net.URI;
import java.util.Optional;

/** PUT /v2/NAME/manifests/TAG; returns the manifest's digest, checked against Docker-Content-Digest. */
record ManifestPusher(RegistryEndpoint registry, String repository, String tag, String mediaType, byte[] bytes)
        implements RegistryEndpointProvider<Digest> {
    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public URI target(RegistryEndpoint r) {
        return r.uri(Urls.v2(repository, "manifests/" + tag));
    }

    @Override
    public String actions() {
        return "pull,push";
    }

    @Override
    public String what() {
        return "manifest " + registry.host() + "/" + repository + ":" + tag;
    }

    @Override
    public Optional<RequestBody> body() {
        return Optional.of(RequestBody.of(mediaType, bytes));
    }

    @Override
    public Digest handle(RegistryResponse response) throws DigestMismatchException {
        Digest digest = Digest.sha256(bytes);
        Optional<Digest> announced = ManifestPuller.announcedDigest(response);
        if (announced.isPresent() && announced.get().algorithm().equals("sha256") && !announced.get().equals(digest)) {
            throw new DigestMismatchException(registry.host(), repository, what(), digest, announced.get());
        }
        return digest;
    }
}
