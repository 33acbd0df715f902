package dev.sandpod.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.http.DaemonAddress;
import dev.sandpod.client.http.HttpResponse;
import dev.sandpod.client.http.UnixHttp;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `daemon --listen`: the API on loopback TCP, only for requests with the root's bearer token. */
class TcpListenerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final DaemonOptions TCP = DaemonOptions.defaults().withListen(new InetSocketAddress("127.0.0.1", 0));

    private static int port(TestDaemon d) {
        return d.daemon().tcpAddress().orElseThrow().getPort();
    }

    private static String token(Path root) throws Exception {
        return Files.readString(RootLayout.of(root).daemonToken()).strip();
    }

    @Test
    void aClientWithTheTokenIsServed(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root, TCP)) {
            SandpodClient client = SandpodClient.connectTcp("127.0.0.1", port(d), token(root));

            assertEquals(RootLayout.of(root).root().toString(), client.version().root());
            assertTrue(client.listImages().isEmpty());
        }
    }

    @Test
    void aRequestWithoutATokenIs401Json(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root, TCP);
             HttpResponse response = new UnixHttp(DaemonAddress.tcp("127.0.0.1", port(d)), Optional.empty())
                     .send("GET", "/v1/version", Map.of(), Optional.empty())) {
            assertEquals(401, response.status());
            assertEquals("application/json", response.header("content-type").orElse(""));
            assertTrue(response.header("www-authenticate").orElse("").startsWith("Bearer"));
            JsonNode error = JSON.readTree(response.readAll());
            assertEquals("Unauthorized", error.path("code").asText());
            assertTrue(error.path("hint").asText().contains("daemon.token"), error.toString());
        }
    }

    @Test
    void aWrongTokenIs401AndNothingIsDone(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root, TCP)) {
            SandpodClient wrong = SandpodClient.connectTcp("127.0.0.1", port(d), "x".repeat(64));
            ApiException e = assertThrows(ApiException.class, () -> wrong.createSecret(
                    new dev.sandpod.client.model.SecretCreateRequest("lab", "127.0.0.1:5000", "u", "p", false)));
            assertEquals(401, e.status());
            assertEquals("Unauthorized", e.code());
            assertTrue(d.client().listSecrets().isEmpty(), "the secret was not made");
        }
    }

    @Test
    void theTokenIsMade0600UnderTheRootAndKeptForTheNextDaemon(@TempDir Path root) throws Exception {
        Path file = RootLayout.of(root).daemonToken();
        String first;
        try (TestDaemon d = TestDaemon.start(root, TCP)) {
            assertTrue(d.daemon().tcpAddress().isPresent());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            first = token(root);
            assertTrue(first.length() >= 32, first.length() + " characters");
        }
        try (TestDaemon d = TestDaemon.start(root, TCP)) {
            assertEquals(first, token(root));
            assertEquals(RootLayout.of(root).root().toString(),
                    SandpodClient.connectTcp("127.0.0.1", port(d), first).version().root());
        }
    }

    @Test
    void aTokenFileOthersMayReadIsRefused(@TempDir Path root) throws Exception {
        Path file = RootLayout.of(root).daemonToken();
        Files.createDirectories(root);
        Files.writeString(file, "t".repeat(64));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        DaemonStartFailedException e = assertThrows(DaemonStartFailedException.class, () -> Daemon.start(RootLayout.of(root), TCP));

        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("rw-r--r--"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("chmod 600"), e.hint().toString());
        assertTrue(!DaemonLock.isHeld(RootLayout.of(root)), "the failed daemon let go of the root");
    }

    @Test
    void aShortTokenIsRefused(@TempDir Path root) throws Exception {
        Path file = RootLayout.of(root).daemonToken();
        Files.createDirectories(root);
        Files.writeString(file, "secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        DaemonStartFailedException e = assertThrows(DaemonStartFailedException.class, () -> Daemon.start(RootLayout.of(root), TCP));

        assertTrue(e.getMessage().contains("shorter than 32"), e.getMessage());
    }

    @Test
    void theUnixSocketStays0660AndNeedsNoToken(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root, TCP)) {
            Path socket = RootLayout.of(root).daemonSocket();
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals("v1", d.client().version().apiVersion());
        }
    }

    @Test
    void onlyLoopbackAddressesAreServed() throws Exception {
        for (String bad : new String[] {"0.0.0.0:7443", "10.1.2.3:7443", "[::]:7443"}) {
            ListenAddressException e = assertThrows(ListenAddressException.class, () -> LoopbackAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains("loopback"), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("127.0.0.1"), e.hint().toString());
        }
        assertThrows(ListenAddressException.class, () -> LoopbackAddress.parse("7443"));
        assertThrows(ListenAddressException.class, () -> LoopbackAddress.parse("127.0.0.1:http"));
        assertThrows(ListenAddressException.class, () -> LoopbackAddress.parse("127.0.0.1:70000"));
        assertEquals(7443, LoopbackAddress.parse("127.0.0.1:7443").getPort());
        assertTrue(LoopbackAddress.parse("127.1.2.3:7443").getAddress().isLoopbackAddress());
        assertTrue(LoopbackAddress.parse("[::1]:7443").getAddress().isLoopbackAddress());
    }

    @Test
    void aDaemonAskedToListenElsewhereRefusesToStart(@TempDir Path root) {
        DaemonOptions anywhere = DaemonOptions.defaults().withListen(new InetSocketAddress("0.0.0.0", 0));
        assertThrows(ListenAddressException.class, () -> Daemon.start(RootLayout.of(root), anywhere));
        assertTrue(!DaemonLock.isHeld(RootLayout.of(root)));
    }
}
