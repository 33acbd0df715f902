package dev.sandpod.api.http;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.http.HttpResponse;
import dev.sandpod.client.http.UnixHttp;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A streamed answer (an archive) that fails half-way must look unfinished to the client, never whole. */
class BrokenOffAnswerTest {
    @TempDir
    Path dir;
    private Server server;

    private Path serve(Operation operation) throws Exception {
        return serve("/v1/archive", operation);
    }

    private Path serve(String path, Operation operation) throws Exception {
        Path socket = dir.resolve("api.sock");
        server = new Server();
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(new Router(List.of(new Route("POST", path, operation))), 1024));
        server.start();
        return socket;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aFailureAfterTheFirstBytesBreaksTheBodyOff() throws Exception {
        byte[] first = new byte[256 * 1024];
        Arrays.fill(first, (byte) 'x');
        Path socket = serve(exchange -> {
            OutputStream out = exchange.binary("application/x-tar");
            out.write(first);
            out.flush();
            throw new IOException("a blob went missing half-way");
        });
        try (HttpResponse response = new UnixHttp(socket).send("POST", "/v1/archive", Map.of(), Optional.empty())) {
            assertEquals(200, response.status());
            assertThrows(EOFException.class, response::readAll, "the body has no end");
        }
    }

    @Test
    void aFailureBeforeTheFirstByteIsAPlainJsonError() throws Exception {
        Path socket = serve(exchange -> {
            exchange.binary("application/x-tar");
            throw new ApiProblem(404, "ImageNotFound", "no image x", "pull it", Map.of());
        });
        try (HttpResponse response = new UnixHttp(socket).send("POST", "/v1/archive", Map.of(), Optional.empty())) {
            assertEquals(404, response.status());
            assertEquals("application/json", response.header("content-type").orElse(""));
            assertTrue(new String(response.readAll(), StandardCharsets.UTF_8).contains("\"code\":\"ImageNotFound\""));
        }
    }

    @Test
    void theClientReportsABrokenOffArchiveAsTheDaemonsFailureNotItsOutputs() throws Exception {
        Path socket = serve("/v1/images/save", exchange -> {
            OutputStream out = exchange.binary("application/x-tar");
            out.write(new byte[256 * 1024]);
            out.flush();
            throw new IOException("disk error");
        });
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        ApiException e = assertThrows(ApiException.class,
                () -> SandpodClient.connect(socket).saveImages(List.of("test/busybox:1"), written));
        assertEquals("StreamBrokenOff", e.code(), e.toString());
        assertTrue(e.hint().orElseThrow().contains("incomplete"), e.toString());
    }
}
