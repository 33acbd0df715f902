package dev.sandpod.image.registry;

import static dev.sandpod.image.registry.FakeServer.error;
import static dev.sandpod.image.registry.FakeServer.respond;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.sandpod.image.ref.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final byte[] MANIFEST = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Credentials ALICE = new Credentials("alice", "s3cret-pw");
    private static final String ALICE_BASIC = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret-pw".getBytes(StandardCharsets.UTF_8));

    private final FakeServer registry = new FakeServer();

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryClient client(Optional<Credentials> credentials) {
        return RegistryClient.builder().endpoint(registry.endpoint()).credentials(credentials)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofMillis(500)).userAgent("sandpod-test").build();
    }

    private static void manifest(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
        respond(exchange, 200, OCI_MANIFEST, MANIFEST);
    }

    /** A registry that wants Bearer tokens from its own /token endpoint, which wants alice's Basic credentials. */
    private void bearerRegistry() {
        registry.route("/token", exchange -> {
            if (ALICE_BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 200, "application/json", "{\"token\":\"tok-123\",\"expires_in\":300}");
            } else {
                respond(exchange, 401, "application/json", "{\"details\":\"incorrect username or password\"}");
            }
        });
        registry.route("/v2/", exchange -> {
            if ("Bearer tok-123".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                manifest(exchange);
            } else {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token")
                        + "\",service=\"fake registry\",scope=\"repository:app:pull\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
            }
        });
    }

    /** A registry that wants alice's Basic credentials on every request. */
    private void basicRegistry(FakeServer.Handler whenAuthorized) {
        registry.route("/v2/", exchange -> {
            if (ALICE_BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                whenAuthorized.handle(exchange);
            } else {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Registry Realm\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
            }
        });
    }

    @Test
    void fetchesAManifestAndComputesItsDigest() throws Exception {
        registry.route("/v2/", RegistryClientTest::manifest);

        ManifestResponse response = client(Optional.empty()).fetchManifest("app", "v1");

        assertArrayEquals(MANIFEST, response.bytes());
        assertEquals(OCI_MANIFEST, response.mediaType());
        assertEquals(Digest.sha256(MANIFEST), response.digest());
        assertEquals("/v2/app/manifests/v1", registry.seen().getFirst().pathAndQuery());
    }

    @Test
    void manifestRequestAcceptsOciAndDockerManifestsAndIndexes() throws Exception {
        registry.route("/v2/", RegistryClientTest::manifest);

        client(Optional.empty()).fetchManifest("app", "v1");

        String accept = registry.seen().getFirst().accept().orElseThrow();
        for (String type : List.of(OCI_MANIFEST, "application/vnd.oci.image.index.v1+json",
                "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.docker.distribution.manifest.list.v2+json")) {
            assertTrue(accept.contains(type), accept);
        }
    }

    @Test
    void bearerChallengeFetchesATokenWithBasicCredentialsAndRetries() throws Exception {
        bearerRegistry();

        ManifestResponse response = client(Optional.of(ALICE)).fetchManifest("app", "v1");

        assertArrayEquals(MANIFEST, response.bytes());
        FakeServer.Seen tokenRequest = registry.seen("/token").getFirst();
        assertEquals(Optional.of(ALICE_BASIC), tokenRequest.authorization());
        assertTrue(tokenRequest.pathAndQuery().contains("service=fake+registry"), tokenRequest.pathAndQuery());
        assertTrue(tokenRequest.pathAndQuery().contains("scope=repository%3Aapp%3Apull"), tokenRequest.pathAndQuery());
        assertEquals(Optional.of("Bearer tok-123"), registry.seen("/v2/").getLast().authorization());
    }

    @Test
    void bearerTokenIsCachedPerScope() throws Exception {
        bearerRegistry();
        RegistryClient client = client(Optional.of(ALICE));

        client.fetchManifest("app", "v1");
        client.fetchManifest("app", "v2");

        assertEquals(1, registry.seen("/token").size());
        assertEquals(3, registry.seen("/v2/").size(), "one challenge, then two requests with the cached token");
    }

    @Test
    void tokenMayComeAsAccessToken() throws Exception {
        registry.route("/token", exchange -> respond(exchange, 200, "application/json", "{\"access_token\":\"acc-9\"}"));
        registry.route("/v2/", exchange -> {
            if ("Bearer acc-9".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                manifest(exchange);
            } else {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
            }
        });

        assertArrayEquals(MANIFEST, client(Optional.empty()).fetchManifest("app", "v1").bytes());
    }

    @Test
    void basicChallengeRetriesWithCredentials() throws Exception {
        basicRegistry(RegistryClientTest::manifest);

        ManifestResponse response = client(Optional.of(ALICE)).fetchManifest("app", "v1");

        assertArrayEquals(MANIFEST, response.bytes());
        assertEquals(Optional.of(ALICE_BASIC), registry.seen().getLast().authorization());
    }

    @Test
    void wrongPasswordIsUnauthorizedWithCredentials() {
        basicRegistry(RegistryClientTest::manifest);
        RegistryClient client = client(Optional.of(new Credentials("alice", "wrong-pw")));

        var e = assertThrows(RegistryUnauthorizedException.class, () -> client.fetchManifest("app", "v1"));

        assertTrue(e.hadCredentials());
        assertEquals("registry " + registry.host() + " refused access to repository app (unauthorized)", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("recreate"), e.hint().orElseThrow());
        assertEquals(registry.host(), e.registry());
        assertEquals("app", e.repository());
    }

    @Test
    void wrongPasswordAtTheTokenServerIsUnauthorized() {
        bearerRegistry();
        RegistryClient client = client(Optional.of(new Credentials("alice", "wrong-pw")));

        var e = assertThrows(RegistryUnauthorizedException.class, () -> client.fetchManifest("app", "v1"));

        assertTrue(e.hadCredentials());
    }

    @Test
    void missingCredentialsIsUnauthorizedWithTheSecretHint() {
        basicRegistry(RegistryClientTest::manifest);

        var e = assertThrows(RegistryUnauthorizedException.class, () -> client(Optional.empty()).fetchManifest("app", "v1"));

        assertFalse(e.hadCredentials());
        String hint = e.hint().orElseThrow();
        assertTrue(hint.contains("sandpod secret create registry NAME --server " + registry.host()
                + " --username USER --password-stdin"), hint);
        assertTrue(hint.contains("--secret NAME"), hint);
    }

    @Test
    void passwordAndTokenNeverAppearInExceptionsOrToString() {
        // The token server issues a token to alice, but the registry rejects it.
        registry.route("/token", exchange -> respond(exchange, 200, "application/json", "{\"token\":\"tok-123\"}"));
        registry.route("/v2/", exchange -> {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\"");
            error(exchange, 401, "UNAUTHORIZED", "authentication required");
        });

        var e = assertThrows(RegistryUnauthorizedException.class, () -> client(Optional.of(ALICE)).fetchManifest("app", "v1"));

        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t + " " + t.getMessage() + " " + (t instanceof RegistryException r ? r.hint().orElse("") : "");
            assertFalse(text.contains("s3cret-pw"), text);
            assertFalse(text.contains("tok-123"), text);
        }
        assertFalse(ALICE.toString().contains("s3cret-pw"), ALICE.toString());
    }

    @Test
    void manifestUnknownIsNotFound() {
        registry.route("/v2/", exchange -> error(exchange, 404, "MANIFEST_UNKNOWN", "manifest unknown"));

        var e = assertThrows(RegistryNotFoundException.class, () -> client(Optional.empty()).fetchManifest("app", "v2"));

        assertEquals("image " + registry.host() + "/app:v2 not found: manifest unknown", e.getMessage());
        assertEquals("MANIFEST_UNKNOWN", e.code());
        assertTrue(e.hint().orElseThrow().contains("sandpod image ls"));
    }

    @Test
    void nameUnknownIsNotFound() {
        registry.route("/v2/", exchange -> error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry"));

        var e = assertThrows(RegistryNotFoundException.class, () -> client(Optional.empty()).fetchManifest("nope", "v1"));

        assertEquals("NAME_UNKNOWN", e.code());
        assertEquals("nope", e.repository());
    }

    @Test
    void blobUnknownIsNotFound() {
        registry.route("/v2/", exchange -> error(exchange, 404, "BLOB_UNKNOWN", "blob unknown to registry"));
        Digest digest = Digest.sha256(new byte[] {1});

        var e = assertThrows(RegistryNotFoundException.class, () -> client(Optional.empty()).fetchBlob("app", digest, 0));

        assertEquals("blob " + digest + " of " + registry.host() + "/app not found: blob unknown", e.getMessage());
    }

    @Test
    void plainNotFoundIsNotFound() {
        registry.route("/v2/", exchange -> respond(exchange, 404, "text/plain", "404 page not found"));

        var e = assertThrows(RegistryNotFoundException.class, () -> client(Optional.empty()).fetchManifest("app", "v1"));

        assertEquals("", e.code());
        assertEquals("image " + registry.host() + "/app:v1 not found", e.getMessage());
    }

    @Test
    void serverErrorIsUnavailableWithTheRegistrysMessage() {
        registry.route("/v2/", exchange -> error(exchange, 500, "UNKNOWN", "storage backend is down"));

        var e = assertThrows(RegistryUnavailableException.class, () -> client(Optional.empty()).fetchManifest("app", "v1"));

        assertTrue(e.getMessage().contains("500"), e.getMessage());
        assertTrue(e.getMessage().contains("storage backend is down"), e.getMessage());
    }

    @Test
    void otherClientErrorsAreProtocolErrorsWithTheRegistrysMessage() {
        registry.route("/v2/", exchange -> error(exchange, 400, "MANIFEST_INVALID", "manifest invalid"));

        var e = assertThrows(RegistryProtocolException.class,
                () -> client(Optional.empty()).putManifest("app", "v1", OCI_MANIFEST, MANIFEST));

        assertTrue(e.getMessage().contains("MANIFEST_INVALID: manifest invalid"), e.getMessage());
    }

    @Test
    void aRegistryThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            RegistryClient client = RegistryClient.builder()
                    .endpoint(new RegistryEndpoint("127.0.0.1:" + silent.getLocalPort(), true))
                    .readTimeout(Duration.ofMillis(500)).build();

            var e = assertThrows(RegistryUnavailableException.class, () -> client.fetchManifest("app", "v1"));

            assertEquals("registry 127.0.0.1:" + silent.getLocalPort() + " did not answer within 500 ms", e.getMessage());
        }
    }

    @Test
    void aRefusedConnectionIsUnavailable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }
        RegistryClient client = RegistryClient.builder().endpoint(new RegistryEndpoint("127.0.0.1:" + port, true)).build();

        var e = assertThrows(RegistryUnavailableException.class, () -> client.fetchManifest("app", "v1"));

        assertEquals("registry 127.0.0.1:" + port + " refused the connection", e.getMessage());
    }

    @Test
    void aManifestNotMatchingDockerContentDigestIsRejected() {
        Digest other = Digest.sha256(new byte[] {42});
        registry.route("/v2/", exchange -> {
            exchange.getResponseHeaders().set("Docker-Content-Digest", other.toString());
            respond(exchange, 200, OCI_MANIFEST, MANIFEST);
        });

        var e = assertThrows(DigestMismatchException.class, () -> client(Optional.empty()).fetchManifest("app", "v1"));

        assertEquals(other, e.expected());
        assertEquals(Digest.sha256(MANIFEST), e.actual());
        assertTrue(e.getMessage().contains(registry.host()), e.getMessage());
    }

    @Test
    void aManifestNotMatchingTheRequestedDigestIsRejected() {
        Digest wanted = Digest.sha256(new byte[] {7});
        registry.route("/v2/", exchange -> respond(exchange, 200, OCI_MANIFEST, MANIFEST));

        var e = assertThrows(DigestMismatchException.class,
                () -> client(Optional.empty()).fetchManifest("app", wanted.toString()));

        assertEquals(wanted, e.expected());
        assertTrue(e.getMessage().contains("app@" + wanted), e.getMessage());
    }

    @Test
    void anOversizedManifestIsRefused() {
        byte[] huge = new byte[ManifestPuller.MAX_MANIFEST_BYTES + 10];
        registry.route("/v2/", exchange -> respond(exchange, 200, OCI_MANIFEST, huge));

        var e = assertThrows(RegistryProtocolException.class, () -> client(Optional.empty()).fetchManifest("app", "v1"));

        assertTrue(e.getMessage().contains("larger than 4 MiB"), e.getMessage());
    }

    @Test
    void rangeRequestIsHonoured() throws Exception {
        byte[] blob = "0123456789".getBytes(StandardCharsets.UTF_8);
        registry.route("/v2/", exchange -> {
            exchange.getResponseHeaders().set("Content-Range", "bytes 4-9/10");
            respond(exchange, 206, "application/octet-stream", java.util.Arrays.copyOfRange(blob, 4, 10));
        });

        try (BlobResponse response = client(Optional.empty()).fetchBlob("app", Digest.sha256(blob), 4)) {
            assertEquals(4, response.startOffset());
            assertEquals("456789", new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(6, response.contentLength().orElseThrow());
        }
        assertEquals(Optional.of("bytes=4-"), registry.seen().getFirst().range());
    }

    @Test
    void ignoredRangeStartsAtZero() throws Exception {
        byte[] blob = "0123456789".getBytes(StandardCharsets.UTF_8);
        registry.route("/v2/", exchange -> respond(exchange, 200, "application/octet-stream", blob));

        try (BlobResponse response = client(Optional.empty()).fetchBlob("app", Digest.sha256(blob), 4)) {
            assertEquals(0, response.startOffset());
            assertArrayEquals(blob, response.body().readAllBytes());
        }
    }

    @Test
    void noRangeHeaderFromOffsetZero() throws Exception {
        registry.route("/v2/", exchange -> respond(exchange, 200, "application/octet-stream", "x"));

        try (BlobResponse response = client(Optional.empty()).fetchBlob("app", Digest.sha256(new byte[] {'x'}), 0)) {
            response.body().readAllBytes();
        }
        assertEquals(Optional.empty(), registry.seen().getFirst().range());
    }

    @Test
    void aRedirectToAnotherHostDropsAuthorization() throws Exception {
        byte[] blob = "layer".getBytes(StandardCharsets.UTF_8);
        try (FakeServer storage = new FakeServer("127.0.0.2")) {
            storage.route("/blobs/", exchange -> respond(exchange, 200, "application/octet-stream", blob));
            basicRegistry(exchange -> {
                exchange.getResponseHeaders().set("Location", storage.url("/blobs/layer?sig=abc"));
                respond(exchange, 307, null, new byte[0]);
            });

            try (BlobResponse response = client(Optional.of(ALICE)).fetchBlob("app", Digest.sha256(blob), 0)) {
                assertArrayEquals(blob, response.body().readAllBytes());
            }

            assertEquals(Optional.of(ALICE_BASIC), registry.seen().getLast().authorization());
            assertEquals("/blobs/layer?sig=abc", storage.seen().getFirst().pathAndQuery());
            assertEquals(Optional.empty(), storage.seen().getFirst().authorization());
        }
    }

    @Test
    void aRedirectOnTheSameHostKeepsAuthorization() throws Exception {
        basicRegistry(exchange -> {
            if (exchange.getRequestURI().getPath().startsWith("/v2/app/blobs/")) {
                exchange.getResponseHeaders().set("Location", "/v2/moved/data");
                respond(exchange, 302, null, new byte[0]);
            } else {
                respond(exchange, 200, "application/octet-stream", "data");
            }
        });

        try (BlobResponse response = client(Optional.of(ALICE)).fetchBlob("app", Digest.sha256(new byte[0]), 0)) {
            assertEquals("data", new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(Optional.of(ALICE_BASIC), registry.seen("/v2/moved").getFirst().authorization());
    }

    @Test
    void blobExistsAsksWithHead() throws Exception {
        Digest present = Digest.sha256(new byte[] {1});
        registry.route("/v2/", exchange -> {
            exchange.getResponseHeaders().set("Content-Length", "1");
            respond(exchange, exchange.getRequestURI().getPath().endsWith(present.toString()) ? 200 : 404, null, new byte[0]);
        });
        RegistryClient client = client(Optional.empty());

        assertTrue(client.blobExists("app", present));
        assertFalse(client.blobExists("app", Digest.sha256(new byte[] {2})));
        assertEquals("HEAD", registry.seen().getFirst().method());
    }

    /** An upload session whose Location the test chooses; returns the PUT's body. */
    private AtomicReference<byte[]> uploadRegistry(String location) {
        AtomicReference<byte[]> put = new AtomicReference<>();
        registry.route("/v2/", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Location", location);
                respond(exchange, 202, null, new byte[0]);
            } else {
                put.set(registry.seen().getLast().body());
                respond(exchange, 201, null, new byte[0]);
            }
        });
        return put;
    }

    @Test
    void uploadFollowsARelativeLocation() throws Exception {
        byte[] blob = "hello blob".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        AtomicReference<byte[]> put = uploadRegistry("/v2/app/blobs/uploads/uuid-1");

        client(Optional.empty()).uploadBlob("app", digest, blob.length, () -> new ByteArrayInputStream(blob));

        assertEquals("/v2/app/blobs/uploads/", registry.seen().getFirst().pathAndQuery());
        assertEquals("/v2/app/blobs/uploads/uuid-1?digest=" + digest.algorithm() + "%3A" + digest.hex(),
                registry.seen().getLast().pathAndQuery());
        assertArrayEquals(blob, put.get());
    }

    @Test
    void uploadFollowsAnAbsoluteLocationWithAQuery() throws Exception {
        byte[] blob = "hello blob".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.sha256(blob);
        AtomicReference<byte[]> put = uploadRegistry(registry.url("/v2/app/blobs/uploads/uuid-2?_state=abc"));

        client(Optional.empty()).uploadBlob("app", digest, blob.length, () -> new ByteArrayInputStream(blob));

        assertEquals("/v2/app/blobs/uploads/uuid-2?_state=abc&digest=" + digest.algorithm() + "%3A" + digest.hex(),
                registry.seen().getLast().pathAndQuery());
        assertArrayEquals(blob, put.get());
    }

    @Test
    void uploadAuthenticatesWithPushScope() throws Exception {
        byte[] blob = "b".getBytes(StandardCharsets.UTF_8);
        registry.route("/token", exchange -> respond(exchange, 200, "application/json", "{\"token\":\"push-tok\"}"));
        registry.route("/v2/", exchange -> {
            if (!"Bearer push-tok".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\",service=\"r\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
            } else if (exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Location", "/v2/app/blobs/uploads/u");
                respond(exchange, 202, null, new byte[0]);
            } else {
                respond(exchange, 201, null, new byte[0]);
            }
        });

        client(Optional.of(ALICE)).uploadBlob("app", Digest.sha256(blob), 1, () -> new ByteArrayInputStream(blob));

        assertTrue(registry.seen("/token").getFirst().pathAndQuery().contains("scope=repository%3Aapp%3Apull%2Cpush"));
        assertEquals(1, registry.seen("/token").size(), "the PUT reuses the POST's token");
    }

    @Test
    void aFailingLocalSourceIsAnIOExceptionNotARegistryError() {
        uploadRegistry("/v2/app/blobs/uploads/u");

        var e = assertThrows(IOException.class, () -> client(Optional.empty())
                .uploadBlob("app", Digest.sha256(new byte[0]), 3, () -> { throw new IOException("disk gone"); }));

        assertEquals("disk gone", e.getMessage());
    }

    @Test
    void putManifestSendsTheMediaTypeAndReturnsTheDigest() throws Exception {
        AtomicReference<String> contentType = new AtomicReference<>();
        registry.route("/v2/", exchange -> {
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getResponseHeaders().set("Docker-Content-Digest", Digest.sha256(MANIFEST).toString());
            respond(exchange, 201, null, new byte[0]);
        });

        Digest digest = client(Optional.empty()).putManifest("app", "v1", OCI_MANIFEST, MANIFEST);

        assertEquals(Digest.sha256(MANIFEST), digest);
        assertEquals(OCI_MANIFEST, contentType.get());
        assertEquals("PUT", registry.seen().getFirst().method());
        assertArrayEquals(MANIFEST, registry.seen().getFirst().body());
    }

    @Test
    void putManifestAuthenticatesWithBasic() throws Exception {
        basicRegistry(exchange -> respond(exchange, 201, null, new byte[0]));

        client(Optional.of(ALICE)).putManifest("app", "v1", OCI_MANIFEST, MANIFEST);

        assertArrayEquals(MANIFEST, registry.seen().getLast().body());
    }

    @Test
    void anExpiredTokenIsFetchedAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger issued = new java.util.concurrent.atomic.AtomicInteger();
        registry.route("/token", exchange -> respond(exchange, 200, "application/json",
                "{\"token\":\"tok-" + issued.incrementAndGet() + "\"}"));
        registry.route("/v2/", exchange -> {
            // Only the newest token is valid, as if each earlier one had expired.
            if (("Bearer tok-" + issued.get()).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                manifest(exchange);
                issued.incrementAndGet();
            } else {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"" + registry.url("/token") + "\"");
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
            }
        });
        RegistryClient client = client(Optional.empty());

        client.fetchManifest("app", "v1");
        client.fetchManifest("app", "v1");

        assertEquals(2, registry.seen("/token").size());
    }

    @Test
    void parallelFetchesShareOneClient() throws Exception {
        bearerRegistry();
        RegistryClient client = client(Optional.of(ALICE));
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<ManifestResponse>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(executor.submit(() -> client.fetchManifest("app", "v1")));
            }
            for (var result : results) {
                assertArrayEquals(MANIFEST, result.get().bytes());
            }
        }
    }

    @Test
    void forbiddenIsUnauthorized() {
        registry.route("/v2/", exchange -> error(exchange, 403, "DENIED", "requested access to the resource is denied"));

        var e = assertThrows(RegistryUnauthorizedException.class, () -> client(Optional.of(ALICE)).fetchManifest("app", "v1"));

        assertTrue(e.hadCredentials());
    }
}
