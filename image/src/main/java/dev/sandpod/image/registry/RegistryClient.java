package dev.sandpod.image.registry;

import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.InvalidReferenceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A client for one registry's OCI distribution API. Each method is one endpoint object handed to the
 * {@link RegistryEndpointCaller}, which owns HTTP, auth, redirects, time-outs and error mapping.
 * Thread-safe: layers may be fetched in parallel; tokens are shared.
 */
public final class RegistryClient {
    private final RegistryEndpoint endpoint;
    private final RegistryEndpointCaller caller;

    private RegistryClient(Builder b) {
        this.endpoint = Objects.requireNonNull(b.endpoint, "a RegistryClient needs an endpoint");
        this.caller = new RegistryEndpointCaller(endpoint, b.credentials, b.connectTimeout, b.readTimeout, b.userAgent);
    }

    public static Builder builder() {
        return new Builder();
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Fetches a manifest or index by tag or digest. The digest is computed over the bytes and must match a
     * digest reference and the registry's Docker-Content-Digest.
     */
    public ManifestResponse fetchManifest(String repository, String reference) throws RegistryException {
        Optional<Digest> expected = Optional.empty();
        if (reference.contains(":")) { // tags can't hold ':', so this is a digest
            try {
                expected = Optional.of(Digest.parse(reference));
            } catch (InvalidReferenceException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return caller.call(new ManifestPuller(endpoint, checkName(repository), reference, expected));
    }

    /** Starts downloading a blob, from {@code offset} when positive (the registry may ignore it; see startOffset). */
    public BlobResponse fetchBlob(String repository, Digest digest, long offset) throws RegistryException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, not " + offset);
        }
        return caller.call(new BlobPuller(endpoint, checkName(repository), digest, offset));
    }

    public boolean blobExists(String repository, Digest digest) throws RegistryException {
        return caller.call(new BlobChecker(endpoint, checkName(repository), digest));
    }

    /**
     * Uploads a blob in one PUT. {@code content} is opened once per attempt and must yield exactly {@code size} bytes.
     *
     * @throws IOException if reading {@code content} fails (a local problem, not the registry's)
     */
    public void uploadBlob(String repository, Digest digest, long size, IOSupplier<InputStream> content)
            throws RegistryException, IOException {
        checkName(repository);
        try {
            URI location = caller.call(new BlobUploadStarter(endpoint, repository));
            caller.call(new BlobUploadFinisher(endpoint, repository, location, digest, size, content));
        } catch (UncheckedIOException localReadFailure) {
            throw localReadFailure.getCause();
        }
    }

    /** Puts a manifest under a tag (or a digest as the reference) and returns its sha256 digest. */
    public Digest putManifest(String repository, String tag, String mediaType, byte[] bytes) throws RegistryException {
        return caller.call(new ManifestPusher(endpoint, checkName(repository), tag, mediaType, bytes.clone()));
    }

    private static String checkName(String repository) {
        if (repository == null || repository.isEmpty() || repository.startsWith("/") || repository.contains("..")
                || repository.contains("?") || repository.contains("#")) {
            throw new IllegalArgumentException("not a repository name: '" + repository + "'");
        }
        return repository;
    }

    /** Builds a {@link RegistryClient}; only the endpoint is required. */
    public static final class Builder {
        private RegistryEndpoint endpoint;
        private Optional<Credentials> credentials = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private String userAgent = "sandpod";

        private Builder() {
        }

        public Builder endpoint(RegistryEndpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder credentials(Optional<Credentials> credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a read may wait for data before failing: the idle time-out that turns a hang into an error. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        public RegistryClient build() {
            return new RegistryClient(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be positive and fit in an int of milliseconds, not " + d);
            }
            return d;
        }
    }
}
