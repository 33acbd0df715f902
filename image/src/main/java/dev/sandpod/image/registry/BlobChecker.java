package dev.sandpod.image.registry;

import dev.sandpod.image.ref.Digest;
import java.net.URI;

/** HEAD /v2/NAME/blobs/DIGEST: whether the registry already holds a blob (so a push can skip it). */
record BlobChecker(RegistryEndpoint registry, String repository, Digest digest) implements RegistryEndpointProvider<Boolean> {
    @Override
    public String method() {
        return "HEAD";
    }

    @Override
    public URI target(RegistryEndpoint r) {
        return r.uri(Urls.v2(repository, "blobs/" + digest));
    }

    @Override
    public String what() {
        return "blob " + digest + " of " + registry.host() + "/" + repository;
    }

    @Override
    public boolean accepts(int status) {
        return status == 404 || (status >= 200 && status < 300);
    }

    @Override
    public Boolean handle(RegistryResponse response) {
        return response.status() != 404;
    }
}
