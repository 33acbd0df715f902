package dev.sandpod.api;

import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.LogEntry;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.client.model.SandboxDetails;
import dev.sandpod.net.IpCommand;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.state.RootLayout;
import dev.sandpod.testing.HostLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nothing of the API is reachable from inside a sandbox: a real busybox container (runc, its own netns on a CNI
 * bridge) tries the daemon's TCP port on its 127.0.0.1 (its own loopback) and on its gateway (the host's side of the
 * bridge), with nc and wget, and looks for the unix socket. As a control, the same probes reach a listener the test
 * binds on that gateway address, so a refusal is the API's, not a broken probe's.
 */
class ApiUnreachableFromSandboxTest {
    private static final String IMAGE = "test/busybox:1";
    private static final String PROBE = """
            set -- $(busybox ip route show default); GW=$3; echo "gateway $GW"
            while [ ! -s /probe/go ]; do busybox sleep 0.1; done
            CONTROL=$(busybox cat /probe/go)
            tcp() { if busybox timeout 5 busybox nc $1 $2 </dev/null >/dev/null 2>&1; then echo "tcp $3 open"; else echo "tcp $3 refused"; fi; }
            http() { if busybox timeout 5 busybox wget -q -O /dev/null http://$1:$2/v1/version; then echo "http $3 answered"; else echo "http $3 failed"; fi; }
            tcp 127.0.0.1 $API api-on-loopback; tcp $GW $API api-on-gateway; tcp $GW $CONTROL control-on-gateway
            http 127.0.0.1 $API api-on-loopback; http $GW $API api-on-gateway; http $GW $CONTROL control-on-gateway
            if [ -e "$SOCKET" ]; then echo "socket visible"; else echo "socket absent"; fi
            echo "probe done"
            exec busybox sleep 1000
            """;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aContainerCanReachNeitherTheTcpPortOnItsLoopbackOrGatewayNorTheSocket() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runc and conmon are installed by ./run-tests");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x")); // layers reachable for the container
        Path root = tmp.resolve("root");
        Path probe = Files.createDirectory(tmp.resolve("probe"));
        RootLayout layout = RootLayout.of(root);
        List<String> bridges = new ArrayList<>();
        List<LogEntry> output;
        try (TestDaemon d = TestDaemon.start(root, TcpListenerTest.TCP)) {
            int apiPort = d.daemon().tcpAddress().orElseThrow().getPort();
            String token = Files.readString(layout.daemonToken()).strip();
            assertEquals("v1", SandpodClient.connectTcp("127.0.0.1", apiPort, token).version().apiVersion(),
                    "the port serves the API on the host");
            try (InputStream in = Files.newInputStream(TestImages.busyboxArchive(tmp, IMAGE))) {
                d.client().loadImages(in);
            }
            RunSandboxRequest run = new RunSandboxRequest(IMAGE, "probe", List.of("/bin/sh", "-c", PROBE),
                    List.of("API=" + apiPort, "SOCKET=" + layout.daemonSocket()), null, null, null, null, null, null,
                    List.of(), List.of(), false, List.of(probe + ":/probe"), null, null);
            d.client().runSandbox(run);
            try {
                SandboxDetails sandbox = d.client().describeSandbox("probe");
                SubnetAllocator.machineWide(new IpCommand()).list().stream()
                        .filter(a -> a.root().equals(layout.root().toString())).forEach(a -> bridges.add(a.bridge()));
                try (ControlListener control = new ControlListener(InetAddress.getByName(sandbox.gateway()))) {
                    Files.writeString(probe.resolve("go"), String.valueOf(control.port()));
                    output = awaitLine(d.client(), "probe done");
                }
                assertTrue(lines(output, "stdout").contains("gateway " + sandbox.gateway()), "probed its own gateway: " + output);
            } finally {
                d.client().removeSandbox("probe", true);
            }
        }
        List<String> results = lines(output, "stdout");
        assertEquals(List.of(
                "tcp api-on-loopback refused", "tcp api-on-gateway refused", "tcp control-on-gateway open",
                "http api-on-loopback failed", "http api-on-gateway failed", "http control-on-gateway answered",
                "socket absent"), results.subList(1, results.size() - 1));
        String errors = String.join("\n", lines(output, "stderr"));
        assertTrue(errors.contains("(127.0.0.1): Connection refused"), errors);
        assertTrue(errors.contains("): Connection refused") && errors.lines().count() == 2, "wget's own words: " + errors);
        assertEquals(List.of(), leftovers(layout, bridges));
    }

    /** The container's log up to the line {@code last}, read through the API until it shows up. */
    private static List<LogEntry> awaitLine(SandpodClient client, String last) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            List<LogEntry> entries = new ArrayList<>();
            client.sandboxLogs("probe", -1, false, false, entries::add);
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).text().equals(last)) {
                    return entries.subList(0, i + 1);
                }
            }
            assertTrue(System.nanoTime() < deadline, "the probe did not finish: " + entries);
            Thread.sleep(100);
        }
    }

    private static List<String> lines(List<LogEntry> entries, String stream) {
        return entries.stream().filter(e -> e.stream().equals(stream)).map(LogEntry::text).toList();
    }

    private List<String> leftovers(RootLayout layout, List<String> bridges) throws Exception {
        List<String> leaks = new ArrayList<>();
        leaks.addAll(HostLeaks.mountsUnder(tmp));
        leaks.addAll(HostLeaks.cgroupDirs(CgroupPaths.forRoot(layout)));
        leaks.addAll(HostLeaks.entriesUnder(ContainerPaths.runcRoot(layout)));
        leaks.addAll(HostLeaks.entriesUnder(layout.runtimeDir().resolve("netns")));
        leaks.addAll(HostLeaks.entriesUnder(layout.sandboxesDir()));
        leaks.addAll(HostLeaks.entriesUnder(PodNetwork.ipamDir(layout)));
        leaks.addAll(HostLeaks.processesMentioning(layout.root().toString()));
        HostLeaks.hostLinkNames().stream().filter(bridges::contains).forEach(l -> leaks.add("link " + l));
        return leaks;
    }

    /**
     * A listener on the sandbox's gateway address (the host's end of the bridge this test's sandbox got, so only that
     * sandbox can reach it) answering every connection with a tiny HTTP response, then closing it.
     */
    private static final class ControlListener implements AutoCloseable {
        private final ServerSocket server;
        private final Thread acceptor;

        ControlListener(InetAddress gateway) throws IOException {
            server = new ServerSocket(0, 10, gateway);
            acceptor = Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    answer(s);
                } catch (IOException closedOrReset) {
                    // the listener was closed (the test is over) or a probe went away mid-answer
                }
            }
        }

        /** Reads the request head if one comes within a second (nc sends none), then answers and closes. */
        private static void answer(Socket s) throws IOException {
            s.setSoTimeout(1000);
            InputStream in = s.getInputStream();
            byte[] head = new byte[4096];
            int seen = 0;
            try {
                for (int n = in.read(head); n > 0 && seen < head.length; n = in.read(head, seen, head.length - seen)) {
                    seen += n;
                    if (new String(head, 0, seen, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException quiet) {
                // nc sends nothing: answer anyway
            }
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            try {
                acceptor.join(java.time.Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the test is being stopped; the acceptor ends with the socket
            }
        }
    }
}
