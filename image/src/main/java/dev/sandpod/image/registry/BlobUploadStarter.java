package dev.sandpod.image.registry;

import java.net.URI;
import java.util.Optional;

/** POST /v2/NAME/blobs/uploads/: opens an upload session and returns its absolute Location. */
record BlobUploadStarter(RegistryEndpoint registry, String repository) implements RegistryEndpointProvider<URI> {
    @Override
    public String method() {
        return "POST";
    }

    @Override
    public URI target(RegistryEndpoint r) {
        return r.uri(Urls.v2(repository, "blobs/uploads/"));
    }

    @Override
    public String actions() {
        return "pull,push";
    }

    @Override
    public String what() {
        return "blob upload to " + registry.host() + "/" + repository;
    }

    @Override
    public Optional<RequestBody> body() {
        return Optional.of(RequestBody.of("application/octet-stream", new byte[0]));
    }

    @Override
    public URI handle(RegistryResponse response) throws RegistryProtocolException {
        String location = response.header("Location").orElseThrow(() -> new RegistryProtocolException(registry.host(), repository,
                "registry " + registry.host() + " opened a " + what() + " without a Location", "the registry is not OCI-conformant"));
        try {
            return response.uri().resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new RegistryProtocolException(registry.host(), repository,
                    "registry " + registry.host() + " sent an invalid upload Location", "the registry is not OCI-conformant");
        }
    }
}
