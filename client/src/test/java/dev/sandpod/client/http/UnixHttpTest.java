package dev.sandpod.client.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnixHttpTest {
    @TempDir
    Path dir;

    /** Serves one connection: records what came in until the request's end marker, answers {@code reply}. */
    private CompletableFuture<String> serveOnce(Path socket, String endMarker, String reply) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return CompletableFuture.supplyAsync(() -> {
            try (server; SocketChannel channel = server.accept()) {
                InputStream in = Channels.newInputStream(channel);
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                while (!seen.toString(StandardCharsets.UTF_8).endsWith(endMarker)) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    seen.write(b);
                }
                channel.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
                return seen.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aChunkedResponseIsDecodedAsItArrives() throws Exception {
        Path socket = dir.resolve("s.sock");
        var request = serveOnce(socket, "\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "6\r\n{\"a\":1\r\n2;ext=1\r\n}\n\r\n0\r\n\r\n");
        try (HttpResponse response = new UnixHttp(socket).send("GET", "/v1/x", Map.of(), Optional.empty())) {
            assertEquals(200, response.status());
            assertEquals("{\"a\":1}\n", new String(response.readAll(), StandardCharsets.UTF_8));
        }
        assertTrue(request.get().startsWith("GET /v1/x HTTP/1.1\r\n"), request.get());
    }

    @Test
    void aStreamedBodyIsSentChunkedAndALengthBodyWithContentLength() throws Exception {
        Path socket = dir.resolve("s.sock");
        var request = serveOnce(socket, "0\r\n\r\n", "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        RequestBody body = RequestBody.stream("application/x-tar", new java.io.ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
        try (HttpResponse response = new UnixHttp(socket).send("POST", "/v1/load", Map.of(), Optional.of(body))) {
            assertEquals(201, response.status());
            assertEquals("ok", new String(response.readAll(), StandardCharsets.UTF_8));
        }
        assertTrue(request.get().contains("Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), request.get());

        Path second = dir.resolve("t.sock");
        var lengthRequest = serveOnce(second, "{}", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        try (HttpResponse response = new UnixHttp(second).send("POST", "/v1/x", Map.of(),
                Optional.of(RequestBody.bytes("application/json", "{}".getBytes(StandardCharsets.UTF_8))))) {
            assertEquals(200, response.status());
        }
        assertTrue(lengthRequest.get().contains("Content-Length: 2\r\n"), lengthRequest.get());
    }
}
