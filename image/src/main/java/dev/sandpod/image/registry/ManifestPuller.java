package dev.sandpod.image.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.image.ref.Digest;
import java.io.IOException;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** GET /v2/NAME/manifests/REFERENCE; verifies the digest against the reference and Docker-Content-Digest. */
record ManifestPuller(RegistryEndpoint registry, String repository, String reference, Optional<Digest> expected)
        implements RegistryEndpointProvider<ManifestResponse> {
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    static final List<String> MEDIA_TYPES = List.of(
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public URI target(RegistryEndpoint r) {
        return r.uri(Urls.v2(repository, "manifests/" + reference));
    }

    @Override
    public String what() {
        return "image " + registry.host() + "/" + repository + (expected.isPresent() ? "@" : ":") + reference;
    }

    @Override
    public List<String> accept() {
        return MEDIA_TYPES;
    }

    @Override
    public ManifestResponse handle(RegistryResponse response) throws IOException, RegistryException {
        if (response.contentLength().orElse(0) > MAX_MANIFEST_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = response.readBody(MAX_MANIFEST_BYTES + 1);
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw tooLarge();
        }
        Digest actual = digestOf(bytes, expected.map(Digest::algorithm).orElse("sha256"));
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw new DigestMismatchException(registry.host(), repository, "manifest " + what(), expected.get(), actual);
        }
        Optional<Digest> announced = announcedDigest(response);
        if (announced.isPresent()) {
            Digest same = digestOf(bytes, announced.get().algorithm());
            if (!announced.get().equals(same)) {
                throw new DigestMismatchException(registry.host(), repository, "manifest " + what(), announced.get(), same);
            }
        }
        return new ManifestResponse(bytes, mediaType(response, bytes), actual);
    }

    private RegistryProtocolException tooLarge() {
        return new RegistryProtocolException(registry.host(), repository,
                "manifest of " + what() + " is larger than " + MAX_MANIFEST_BYTES / (1024 * 1024) + " MiB",
                "a real manifest is a few KiB; check that the registry address points to a registry");
    }

    /** The Content-Type without parameters; failing that, the manifest's own mediaType field. */
    private static String mediaType(RegistryResponse response, byte[] bytes) {
        String header = response.header("Content-Type").map(t -> t.split(";", 2)[0].strip()).orElse("");
        if (!header.isEmpty() && !header.equals("application/octet-stream")) {
            return header;
        }
        try {
            return JSON.readTree(bytes).path("mediaType").asText(header);
        } catch (IOException notJson) {
            // Not our job to validate the manifest here; the caller parses it and reports problems.
            return header;
        }
    }

    /** Docker-Content-Digest, if sent and well-formed; a malformed header proves nothing either way. */
    static Optional<Digest> announcedDigest(RegistryResponse response) {
        return response.header("Docker-Content-Digest").flatMap(text -> {
            try {
                return Optional.of(Digest.parse(text.strip()));
            } catch (dev.sandpod.image.ref.InvalidReferenceException malformed) {
                return Optional.empty();
            }
        });
    }

    static Digest digestOf(byte[] bytes, String algorithm) {
        MessageDigest hasher = algorithm.equals("sha512") ? sha512() : Digest.newSha256();
        return new Digest(algorithm, HexFormat.of().formatHex(hasher.digest(bytes)));
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-512", e);
        }
    }
}
