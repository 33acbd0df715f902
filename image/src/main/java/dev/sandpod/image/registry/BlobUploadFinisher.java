package dev.sandpod.image.registry;

import dev.sandpod.image.ref.Digest;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** PUT LOCATION?digest=DIGEST with the whole blob: the monolithic end of an upload session. */
record BlobUploadFinisher(RegistryEndpoint registry, String repository, URI location, Digest digest, long size,
                          IOSupplier<InputStream> content) implements RegistryEndpointProvider<Digest> {
    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public URI target(RegistryEndpoint r) {
        return Urls.withQuery(location, "digest", digest.toString());
    }

    @Override
    public String actions() {
        return "pull,push";
    }

    @Override
    public String what() {
        return "blob " + digest + " of " + registry.host() + "/" + repository;
    }

    @Override
    public Optional<RequestBody> body() {
        return Optional.of(new RequestBody("application/octet-stream", size, content));
    }

    @Override
    public Digest handle(RegistryResponse response) throws DigestMismatchException {
        Optional<Digest> stored = ManifestPuller.announcedDigest(response);
        if (stored.isPresent() && !stored.get().equals(digest)) {
            throw new DigestMismatchException(registry.host(), repository, "uploaded " + what(), digest, stored.get());
        }
        return digest;
    }
}
