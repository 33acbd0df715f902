package dev.sandpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.registry.local.LocalRegistry;
import dev.sandpod.testing.TokenServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against the real docker-registry (distribution 2.8), started per test by {@link LocalRegistry}. */
class RegistryClientE2ETest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final byte[] CONFIG = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = "not really a tarball, but the registry only stores bytes".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void needsDockerRegistry() {
        assumeTrue(LocalRegistry.available(), "needs " + LocalRegistry.BINARY);
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
    }

    private static RegistryClient client(LocalRegistry registry, Optional<Credentials> credentials) {
        return RegistryClient.builder().endpoint(registry.endpoint()).credentials(credentials)
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10)).userAgent("sandpod-e2e").build();
    }

    private static byte[] manifest() {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + Digest.sha256(CONFIG)
                + "\",\"size\":" + CONFIG.length + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + Digest.sha256(LAYER)
                + "\",\"size\":" + LAYER.length + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes the config, the layer and the manifest under {@code app:v1}, as an image push does. */
    private static Digest push(RegistryClient client) throws Exception {
        for (byte[] blob : new byte[][] {CONFIG, LAYER}) {
            client.uploadBlob("app", Digest.sha256(blob), blob.length, () -> new ByteArrayInputStream(blob));
        }
        return client.putManifest("app", "v1", OCI_MANIFEST, manifest());
    }

    private static void assertRoundTrip(RegistryClient client) throws Exception {
        Digest pushed = push(client);

        ManifestResponse byTag = client.fetchManifest("app", "v1");
        assertArrayEquals(manifest(), byTag.bytes());
        assertEquals(OCI_MANIFEST, byTag.mediaType());
        assertEquals(pushed, byTag.digest());
        assertEquals(pushed, client.fetchManifest("app", pushed.toString()).digest());
        try (BlobResponse layer = client.fetchBlob("app", Digest.sha256(LAYER), 0)) {
            assertArrayEquals(LAYER, layer.body().readAllBytes());
        }
    }

    @Test
    void pushesAndPullsAnImageWithoutAuth() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            assertRoundTrip(client(registry, Optional.empty()));
        }
    }

    @Test
    void pushesAndPullsAnImageWithBasicAuth() throws Exception {
        try (LocalRegistry registry = LocalRegistry.withBasicAuth("alice", "s3cret-pw")) {
            assertRoundTrip(client(registry, Optional.of(new Credentials("alice", "s3cret-pw"))));
        }
    }

    @Test
    void pushesAndPullsAnImageWithBearerTokens() throws Exception {
        try (LocalRegistry registry = TokenServer.registry("alice", "s3cret-pw")) {
            RegistryClient client = client(registry, Optional.of(new Credentials("alice", "s3cret-pw")));

            assertRoundTrip(client);

            assertEquals(2, registry.tokensIssued(), "one token for pull,push and one for pull, each reused");
        }
    }

    @Test
    void wrongPasswordAtTheTokenServerIsUnauthorized() throws Exception {
        try (LocalRegistry registry = TokenServer.registry("alice", "s3cret-pw")) {
            RegistryClient client = client(registry, Optional.of(new Credentials("alice", "wrong")));

            var e = assertThrows(RegistryUnauthorizedException.class, () -> client.fetchManifest("app", "v1"));

            assertTrue(e.hadCredentials());
        }
    }

    @Test
    void httpsToAPlainHttpRegistryIsATlsFailureWithTheInsecureHint() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            RegistryClient client = RegistryClient.builder().endpoint(new RegistryEndpoint(registry.host(), false))
                    .readTimeout(Duration.ofSeconds(5)).build();

            var e = assertThrows(RegistryUnavailableException.class, () -> client.fetchManifest("app", "v1"));

            assertTrue(e.getMessage().startsWith("TLS connection to registry " + registry.host() + " failed"), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("mark it insecure"), e.hint().orElseThrow());
        }
    }

    @Test
    void resumesABlobFromAnOffset() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            RegistryClient client = client(registry, Optional.empty());
            push(client);

            try (BlobResponse rest = client.fetchBlob("app", Digest.sha256(LAYER), 10)) {
                assertEquals(10, rest.startOffset());
                assertArrayEquals(java.util.Arrays.copyOfRange(LAYER, 10, LAYER.length), rest.body().readAllBytes());
            }
        }
    }

    @Test
    void blobExistsOnlyAfterUpload() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            RegistryClient client = client(registry, Optional.empty());
            Digest layer = Digest.sha256(LAYER);
            assertFalse(client.blobExists("app", layer));

            client.uploadBlob("app", layer, LAYER.length, () -> new ByteArrayInputStream(LAYER));

            assertTrue(client.blobExists("app", layer));
        }
    }

    @Test
    void wrongPasswordIsUnauthorized() throws Exception {
        try (LocalRegistry registry = LocalRegistry.withBasicAuth("alice", "s3cret-pw")) {
            RegistryClient client = client(registry, Optional.of(new Credentials("alice", "wrong")));

            var e = assertThrows(RegistryUnauthorizedException.class, () -> client.fetchManifest("app", "v1"));

            assertTrue(e.hadCredentials());
            assertEquals(registry.host(), e.registry());
        }
    }

    @Test
    void missingCredentialsIsUnauthorized() throws Exception {
        try (LocalRegistry registry = LocalRegistry.withBasicAuth("alice", "s3cret-pw")) {
            var e = assertThrows(RegistryUnauthorizedException.class,
                    () -> client(registry, Optional.empty()).fetchManifest("app", "v1"));

            assertFalse(e.hadCredentials());
        }
    }

    @Test
    void unknownTagIsNotFound() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            RegistryClient client = client(registry, Optional.empty());
            push(client);

            var e = assertThrows(RegistryNotFoundException.class, () -> client.fetchManifest("app", "v2"));

            assertEquals("MANIFEST_UNKNOWN", e.code());
            assertEquals("image " + registry.host() + "/app:v2 not found: manifest unknown", e.getMessage());
        }
    }

    @Test
    void unknownRepositoryIsNotFound() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start()) {
            var e = assertThrows(RegistryNotFoundException.class,
                    () -> client(registry, Optional.empty()).fetchManifest("nothing-here", "v1"));

            // distribution 2.8 answers MANIFEST_UNKNOWN here; other registries say NAME_UNKNOWN.
            assertEquals("nothing-here", e.repository());
        }
    }

    @Test
    void closingTheFixtureStopsTheRegistryAndDeletesItsDirectory() throws Exception {
        LocalRegistry registry = LocalRegistry.start();
        ProcessHandle process = registry.process();
        assertTrue(process.isAlive());

        registry.close();

        assertFalse(process.isAlive());
        assertFalse(Files.exists(registry.directory()));
    }
}
