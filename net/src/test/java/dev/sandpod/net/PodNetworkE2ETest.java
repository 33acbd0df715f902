package dev.sandpod.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real pods as root: pinned namespaces, the real bridge and host-local plugins, the machine-wide allocation file.
 * Traffic only goes between namespaces these tests made. After each test nothing may be left: no pin or mount, no
 * new host link (veth or bridge), no lease file, no allocation entry of the test roots.
 */
class PodNetworkE2ETest {
    @TempDir
    Path tmp;
    private final IpCommand ip = new IpCommand();
    private final SubnetAllocator allocator = SubnetAllocator.machineWide(ip);
    private final PodNetwork network = new PodNetwork(new LinuxMounts(), ip, Cni.debian(), allocator);
    private final List<Runnable> teardowns = new ArrayList<>();
    private List<String> linksBefore;

    private record Pod(RootLayout layout, String sandboxId, String name) {
    }

    @BeforeEach
    void setUp() throws Exception {
        HostProbe.assumeRootE2e();
        linksBefore = HostProbe.hostLinkNames();
    }

    @AfterEach
    void nothingLeft() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        for (Runnable teardown : teardowns.reversed()) {
            try {
                teardown.run();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        assertEquals(List.of(), failures, "teardown failed");
        // Only new links count, and not those of other roots' current allocations: other worktrees' tests make
        // and remove links on this host at the same time.
        java.util.Set<String> othersBridges = new java.util.HashSet<>();
        allocator.list().stream().filter(a -> !a.root().startsWith(tmp.toString()))
                .forEach(a -> othersBridges.add(a.bridge()));
        List<String> newLinks = new ArrayList<>();
        HostProbe.hostLinkMasters().forEach((link, master) -> {
            if (!linksBefore.contains(link) && !othersBridges.contains(link) && !othersBridges.contains(master)) {
                newLinks.add(link);
            }
        });
        assertEquals(List.of(), newLinks, "host links (veth, bridge) left behind");
        assertEquals(List.of(), HostProbe.mountsUnder(tmp), "pins or mounts left behind");
        assertEquals(List.of(), filesUnder("net"), "leases left behind");
        assertEquals(List.of(), filesUnder("run"), "pin files left behind");
        assertEquals(List.of(), allocator.list().stream().filter(a -> a.root().startsWith(tmp.toString())).toList(),
                "allocation entries left behind");
    }

    private List<Path> filesUnder(String dir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> roots = Files.list(tmp)) {
            for (Path root : roots.toList()) {
                Path d = root.resolve(dir);
                if (Files.exists(d)) {
                    try (Stream<Path> files = Files.walk(d)) {
                        files.filter(Files::isRegularFile).forEach(found::add);
                    }
                }
            }
        }
        return found;
    }

    private static String newSandboxId() {
        byte[] b = new byte[6];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private PodNetworkInfo up(PodNetwork net, Pod pod) throws NetworkException {
        teardowns.add(() -> {
            try {
                net.tearDown(pod.layout(), pod.sandboxId(), pod.name());
            } catch (NetworkException e) {
                throw new IllegalStateException(e);
            }
        });
        return net.setUp(pod.layout(), pod.sandboxId(), pod.name());
    }

    private static String eth0Address(Path pin) throws IOException {
        JsonNode eth0 = HostProbe.link(HostProbe.addrsIn(pin), "eth0");
        for (JsonNode addr : eth0.path("addr_info")) {
            if (addr.path("family").asText().equals("inet")) {
                return addr.path("local").asText() + "/" + addr.path("prefixlen").asInt();
            }
        }
        throw new AssertionError("no IPv4 address on eth0: " + eth0);
    }

    private static void assertPing(Path from, String to) throws IOException {
        ProcessRunner.Result ping = HostProbe.run("nsenter", "--net=" + from, "ping", "-c1", "-W1", to);
        assertEquals(0, ping.exitCode(), "ping " + to + " from " + from + ": " + ping.stdout() + ping.stderr());
    }

    @Test
    void twoPodsOfASandboxGetAddressesInItsSubnetAndReachEachOther() throws Exception {
        RootLayout root = RootLayout.of(Files.createDirectories(tmp.resolve("root1")));
        String sandbox = newSandboxId();
        PodNetworkInfo a = up(network, new Pod(root, sandbox, "default"));
        PodNetworkInfo b = up(network, new Pod(root, sandbox, "db"));

        assertEquals(root.runtimeDir().resolve("netns").resolve(sandbox + "-default"), a.netns());
        assertEquals(a.bridge(), b.bridge());
        assertEquals(a.subnet(), b.subnet());
        assertNotEquals(a.ip(), b.ip());
        Ipv4Cidr subnet = Ipv4Cidr.parse(a.subnet());
        assertEquals(subnet.host(1), a.gateway());
        assertTrue(a.bridge().length() <= 15, a.bridge());
        assertEquals(a.ip() + "/" + subnet.prefixLength(), eth0Address(a.netns()));
        assertEquals(b.ip() + "/" + subnet.prefixLength(), eth0Address(b.netns()));
        assertTrue(subnet.contains(a.ip()) && subnet.contains(b.ip()));
        assertTrue(HostProbe.hostLinkNames().contains(a.bridge()));

        assertPing(a.netns(), b.ip());
        assertPing(b.netns(), a.ip());

        SubnetAllocation allocation = allocator.find(root.root(), sandbox).orElseThrow();
        assertEquals(List.of("default", "db"), allocation.pods());

        // The first pod goes: the bridge stays for the second.
        network.tearDown(root, sandbox, "default");
        assertTrue(HostProbe.hostLinkNames().contains(a.bridge()), "the bridge stays while a pod uses it");
        assertEquals(List.of("db"), allocator.find(root.root(), sandbox).orElseThrow().pods());
        network.tearDown(root, sandbox, "default"); // again: nothing to do, no error
    }

    @Test
    void sandboxesInDifferentRootsGetDifferentBridgesAndSubnets() throws Exception {
        RootLayout root1 = RootLayout.of(Files.createDirectories(tmp.resolve("root1")));
        RootLayout root2 = RootLayout.of(Files.createDirectories(tmp.resolve("root2")));
        String sandbox = newSandboxId(); // the same id in both roots: still no clash
        PodNetworkInfo a = up(network, new Pod(root1, sandbox, "default"));
        PodNetworkInfo b = up(network, new Pod(root2, sandbox, "default"));
        assertNotEquals(a.bridge(), b.bridge());
        assertNotEquals(a.subnet(), b.subnet());
        assertTrue(!Ipv4Cidr.parse(a.subnet()).overlaps(Ipv4Cidr.parse(b.subnet())));
        assertTrue(a.netns().startsWith(root1.runtimeDir()) && b.netns().startsWith(root2.runtimeDir()));
        assertTrue(Files.isDirectory(root1.root().resolve("net/ipam/sandpod-" + sandbox)), "leases under the root");
    }

    @Test
    void aFailingCniAddIsAClearErrorAndLeavesNothing() throws Exception {
        RootLayout root = RootLayout.of(Files.createDirectories(tmp.resolve("root1")));
        String sandbox = newSandboxId();
        PodNetwork broken = new PodNetwork(new LinuxMounts(), ip, Cni.debian(), allocator, config -> {
            ObjectNode json = config.json();
            ((ObjectNode) json.path("ipam").path("ranges").get(0).get(0)).put("subnet", "10.200.300.0/24");
            return new CniNetworkConfig(config.name(), config.type(), json);
        });
        NetworkSetupException e = assertThrows(NetworkSetupException.class,
                () -> up(broken, new Pod(root, sandbox, "default")));
        assertTrue(e.getMessage().contains("invalid CIDR address: 10.200.300.0/24"), e.getMessage());
        assertTrue(e.hint().isPresent());
        assertEquals(List.of(), HostProbe.mountsUnder(tmp), "the pin was undone");
        assertTrue(allocator.find(root.root(), sandbox).isEmpty(), "the allocation was released");
        // @AfterEach checks the bridge the plugin made before failing is gone, and so are the veths.
    }

    @Test
    void tearingDownAPodThatWasNeverSetUpIsHarmless() throws Exception {
        RootLayout root = RootLayout.of(Files.createDirectories(tmp.resolve("root1")));
        network.tearDown(root, newSandboxId(), "default");
        assertThrows(IllegalArgumentException.class, () -> network.setUp(root, "NOT-AN-ID", "default"));
        assertThrows(IllegalArgumentException.class, () -> network.setUp(root, newSandboxId(), "Bad_Name"));
    }
}
