package dev.sandpod.api;

import dev.sandpod.client.http.HttpResponse;
import dev.sandpod.client.http.RequestBody;
import dev.sandpod.client.http.UnixHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal is JSON {code, message, hint, details} with the right status and the field named. */
class BadRequestTest {
    private static Path root;
    private static TestDaemon daemon;
    private static Raw raw;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("sandpod-api-");
        daemon = TestDaemon.start(root, new dev.sandpod.api.DaemonOptions(64 * 1024, 256 * 1024, java.time.Duration.ofSeconds(2)));
        raw = daemon.raw();
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        dev.sandpod.core.FileTrees.deleteTree(root);
    }

    private static void assertJsonError(Raw.Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.json().toString());
        assertEquals("application/json", answer.contentType());
        assertEquals(code, answer.code(), answer.json().toString());
        assertTrue(answer.json().path("message").isTextual());
        assertTrue(answer.json().path("details").isObject());
    }

    @Test
    void malformedJsonIs400MalformedJson() throws Exception {
        assertJsonError(raw.send("POST", "/v1/images/pull", "{\"reference\": "), 400, "MalformedJson");
        assertJsonError(raw.send("POST", "/v1/images/pull", ""), 400, "MalformedJson");
        assertJsonError(raw.send("POST", "/v1/images/pull", "[1]"), 400, "MalformedJson");
        assertJsonError(raw.send("POST", "/v1/images/pull", "{\"reference\": \"a\"} {}"), 400, "MalformedJson");
    }

    @Test
    void anUnknownFieldIs400NamingIt() throws Exception {
        Raw.Answer answer = raw.send("POST", "/v1/images/pull", "{\"reference\": \"busybox\", \"tag\": \"x\"}");
        assertJsonError(answer, 400, "UnknownField");
        assertEquals("tag", answer.field());
    }

    @Test
    void aMissingFieldIs400NamingIt() throws Exception {
        Raw.Answer answer = raw.send("POST", "/v1/secrets", "{\"name\": \"lab\", \"server\": \"h\", \"username\": \"u\"}");
        assertJsonError(answer, 400, "MissingField");
        assertEquals("password", answer.field());
        Raw.Answer pull = raw.send("POST", "/v1/images/pull", "{}");
        assertJsonError(pull, 400, "MissingField");
        assertEquals("reference", pull.field());
    }

    @Test
    void aWrongTypeIs400NamingTheField() throws Exception {
        Raw.Answer number = raw.send("POST", "/v1/images/pull", "{\"reference\": 42}");
        assertJsonError(number, 400, "InvalidField");
        assertEquals("reference", number.field());
        Raw.Answer flag = raw.send("POST", "/v1/secrets",
                "{\"name\": \"lab\", \"server\": \"h\", \"username\": \"u\", \"password\": \"p\", \"replace\": \"yes\"}");
        assertJsonError(flag, 400, "InvalidField");
        assertEquals("replace", flag.field());
    }

    @Test
    void aDuplicateFieldIs400NamingIt() throws Exception {
        Raw.Answer answer = raw.send("POST", "/v1/images/pull", "{\"reference\": \"busybox\", \"reference\": \"alpine\"}");
        assertJsonError(answer, 400, "DuplicateField");
        assertEquals("reference", answer.field());
    }

    @Test
    void aListFieldGivenAStringIs400SayingItMustBeAList() throws Exception {
        Raw.Answer answer = raw.send("POST", "/v1/images/save", "{\"references\": \"busybox\"}");
        assertJsonError(answer, 400, "InvalidField");
        assertEquals("references", answer.field());
        assertEquals("a list", answer.json().path("details").path("expected").asText());
        Raw.Answer element = raw.send("POST", "/v1/images/save", "{\"references\": [7]}");
        assertJsonError(element, 400, "InvalidField");
        assertEquals("references[0]", element.field());
    }

    @Test
    void aBodyThatIsNotAnObjectIs400InTheApisWordsNotJavas() throws Exception {
        for (String body : new String[] {"\"busybox\"", "42", "[{\"reference\": \"busybox\"}]"}) {
            Raw.Answer answer = raw.send("POST", "/v1/images/pull", body);
            assertJsonError(answer, 400, "MalformedJson");
            assertEquals("the request body must be a JSON object", answer.json().path("message").asText(), body);
        }
    }

    @Test
    void anUnknownObjectIs404JsonNamingItForEveryKind() throws Exception {
        String[][] calls = {
                {"GET", "/v1/images/no/such:1", null, "ImageNotFound"},
                {"DELETE", "/v1/images/no/such:1", null, "ImageNotFound"},
                {"POST", "/v1/images/tag", "{\"source\": \"no/such:1\", \"target\": \"x/y:1\"}", "ImageNotFound"},
                {"POST", "/v1/images/save", "{\"references\": [\"no/such:1\"]}", "ImageNotFound"},
                {"POST", "/v1/images/push", "{\"reference\": \"127.0.0.1:5000/no/such:1\"}", "ImageNotFound"},
                {"DELETE", "/v1/secrets/ghost", null, "SecretNotFound"},
                {"POST", "/v1/images/pull", "{\"reference\": \"busybox\", \"secret\": \"ghost\"}", "SecretNotFound"},
                {"GET", "/v1/sandboxes/ghost", null, "SandboxNotFound"}};
        for (String[] call : calls) {
            Raw.Answer answer = raw.send(call[0], call[1], call[2]);
            assertJsonError(answer, 404, call[3]);
            String named = String.join(" ", call).contains("ghost") ? "ghost" : "no/such:1";
            assertTrue(answer.json().path("message").asText().contains(named), String.join(" ", call) + ": " + answer.json());
        }
    }

    @Test
    void aWrongMethodIs405WithTheAllowHeader() throws Exception {
        try (HttpResponse response = new UnixHttp(daemon.layout().daemonSocket()).send("POST", "/v1/images/busybox", Map.of(), Optional.empty())) {
            assertEquals(405, response.status());
            assertEquals("DELETE, GET", response.header("allow").orElse(""));
        }
    }

    @Test
    void requestsJettyRefusesBeforeAnyRouteAreJsonErrorsToo() throws Exception {
        assertRawJsonError("GET /v1/images/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "BadRequest");
        assertRawJsonError("GET /v1/sandboxes/a%2Fb HTTP/1.1\r\nHost: x\r\n\r\n", 400, "BadRequest");
        assertRawJsonError("GET /v1/version HTTP/1.1\r\nHost x\r\n\r\n", 400, "BadRequest");
        assertRawJsonError("HELLO THERE\r\n\r\n", 505, "HttpVersionNotSupported");
        assertRawJsonError("GET /v1/version HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n\r\n", 431, "HeadersTooLarge");
        assertRawJsonError("GET /v1/images/" + "a".repeat(64 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414, "UriTooLong");
    }

    @Test
    void aBodyWithBrokenChunkFramingIs400Json() throws Exception {
        assertRawJsonError("POST /v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"nam\r\nzz\r\n", 400, "IncompleteBody");
    }

    /** Sends raw bytes; the answer must be {@code status} with a JSON error of {@code code} (any code when null). */
    private static void assertRawJsonError(String request, int status, String code) throws Exception {
        try (SocketChannel channel = new UnixHttp(daemon.layout().daemonSocket()).connect()) {
            // Written on another thread: the daemon may answer (and close) before it has read an oversized request.
            java.util.concurrent.atomic.AtomicReference<IOException> writeFailure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    channel.write(java.nio.ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
                    channel.shutdownOutput();
                } catch (IOException e) {
                    writeFailure.set(e);
                }
            });
            String answer = readUntilClosed(channel);
            writer.join();
            String context = answer + "\n(write: " + writeFailure.get() + ")";
            assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), context);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/json"), context);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            if (code != null) {
                assertEquals(code, json.path("code").asText(), body);
            }
            assertTrue(json.path("message").isTextual() && json.path("details").isObject(), body);
        }
    }

    /** Everything the daemon sent before it closed; a reset after its answer (unread request bytes) ends the read. */
    private static String readUntilClosed(SocketChannel channel) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(8192);
        try {
            while (channel.read(buffer.clear()) > 0) {
                got.write(buffer.array(), 0, buffer.position());
            }
        } catch (IOException reset) {
            got.writeBytes(("\n(read ended: " + reset + ")").getBytes(StandardCharsets.UTF_8));
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInvalidReferenceIs422() throws Exception {
        assertJsonError(raw.send("POST", "/v1/images/pull", "{\"reference\": \"UPPER/Case::bad\"}"), 422, "InvalidReference");
    }

    @Test
    void anUnknownRouteIs404JsonAndAWrongMethodIs405() throws Exception {
        assertJsonError(raw.send("GET", "/v1/nothing/here", null), 404, "RouteNotFound");
        assertJsonError(raw.send("GET", "/", null), 404, "RouteNotFound");
        assertJsonError(raw.send("PUT", "/v1/secrets", null), 405, "MethodNotAllowed");
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedWith413BeforeItIsSent() throws Exception {
        try (SocketChannel channel = new UnixHttp(daemon.layout().daemonSocket()).connect()) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(("POST /v1/secrets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{\"name\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = Channels.newInputStream(channel);
            String answer = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
            assertTrue(answer.contains("\"code\":\"PayloadTooLarge\""), answer);
        }
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIs413() throws Exception {
        try (HttpResponse response = new UnixHttp(daemon.layout().daemonSocket())
                .send("POST", "/v1/secrets", Map.of(), Optional.of(RequestBody.stream("application/json", spaces(8L << 20))))) {
            assertEquals(413, response.status());
            assertTrue(new String(response.readAll(), StandardCharsets.UTF_8).contains("PayloadTooLarge"));
        }
    }

    @Test
    void anArchiveThatGrowsOverTheLimitIs413AndLeavesNothingBehind() throws Exception {
        InputStream archive = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(tarHeader("big.bin", 8L << 20)), zeros(8L << 20));
        try (HttpResponse response = new UnixHttp(daemon.layout().daemonSocket())
                .send("POST", "/v1/images/load", Map.of(), Optional.of(RequestBody.stream("application/x-tar", archive)))) {
            assertEquals(413, response.status());
            assertTrue(new String(response.readAll(), StandardCharsets.UTF_8).contains("PayloadTooLarge"));
        }
        assertEquals(0, daemon.client().listImages().size());
    }

    /** A ustar header for one regular file of {@code size} bytes. */
    private static byte[] tarHeader(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, at, bytes.length);
    }

    private static InputStream zeros(long total) {
        return new InputStream() {
            private long left = total;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    private static InputStream spaces(long total) {
        return new InputStream() {
            private long left = total;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
    }
}
