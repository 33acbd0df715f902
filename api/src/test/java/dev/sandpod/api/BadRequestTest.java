package dev.sandpod.api;

import dev.sandpod.client.http.HttpResponse;
import dev.sandpod.client.http.RequestBody;
import dev.sandpod.client.http.UnixHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
