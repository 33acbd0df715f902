package dev.sandpod.net;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.core.sys.LinuxMounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real bridge and host-local plugins against real pinned namespaces, as root. */
class CniE2ETest {
    @TempDir
    Path tmp;
    private NetnsManager netns;
    private final Cni cni = Cni.debian();
    private PinnedNetns pin;
    private BridgeNetwork network;
    private List<String> linksBefore;

    @BeforeEach
    void setUp() throws Exception {
        HostProbe.assumeRootE2e();
        linksBefore = HostProbe.hostLinkNames();
        netns = new NetnsManager(new LinuxMounts(), new IpCommand(), tmp.resolve("run/netns"));
        pin = netns.create("cni-test");
        String bridge = "sptest" + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt());
        network = BridgeNetwork.of("sandpod-cni-test", bridge, freeSubnet(), tmp.resolve("net/ipam"));
    }

    /** A /24 in 10.254.0.0/16 that nothing on this host uses. */
    private static Ipv4Cidr freeSubnet() throws IOException {
        List<Ipv4Cidr> used = new IpCommand().hostPrefixes();
        for (Ipv4Cidr candidate : Ipv4Cidr.parse("10.254.0.0/16").split(24)) {
            if (used.stream().noneMatch(candidate::overlaps)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free test subnet");
    }

    @AfterEach
    void nothingLeft() throws Exception {
        try {
            if (pin != null) {
                pin.remove();
            }
            new IpCommand().deleteLink(network.bridge());
            netns.removeDirIfEmpty();
        } finally {
            // Only new links count, and not those of sandpod roots' current allocations: other worktrees' tests
            // make and remove links on this host at the same time (this test makes no allocation).
            java.util.Set<String> othersBridges = new java.util.HashSet<>();
            SubnetAllocator.machineWide(new IpCommand()).list().forEach(a -> othersBridges.add(a.bridge()));
            List<String> newLinks = new java.util.ArrayList<>();
            HostProbe.hostLinkMasters().forEach((link, master) -> {
                if (!linksBefore.contains(link) && !othersBridges.contains(link) && !othersBridges.contains(master)) {
                    newLinks.add(link);
                }
            });
            assertEquals(List.of(), newLinks, "host links left behind");
            assertEquals(List.of(), HostProbe.mountsUnder(tmp), "mounts left behind");
            assertEquals(List.of(), leaseFiles(), "host-local leases left behind");
        }
    }

    private List<String> leaseFiles() throws IOException {
        if (!Files.isDirectory(network.leaseDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(network.leaseDir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9.]+")).toList();
        }
    }

    @Test
    void theInstalledPluginsSpeakCni100() throws Exception {
        assertEquals("1.0.0", cni.versionFor("bridge"));
    }

    @Test
    void addGivesThePodAnAddressInTheSubnetAndDelReleasesIt() throws Exception {
        CniResult result = cni.add(network.toCni(), "cni-test", pin.path(), "eth0");
        CniResult.IpConfig ip = result.ipOn("eth0").orElseThrow();
        assertTrue(network.subnet().contains(ip.ip()), ip.toString());
        assertEquals(network.gateway(), ip.gateway().orElseThrow());
        assertEquals(List.of(ip.ip()), leaseFiles());

        JsonNode eth0 = HostProbe.link(HostProbe.addrsIn(pin.path()), "eth0");
        assertEquals(ip.ip(), eth0.path("addr_info").get(0).path("local").asText(), "eth0 in the pod: " + eth0);
        assertTrue(HostProbe.hostLinkNames().contains(network.bridge()));

        cni.check(network.toCni(), "cni-test", pin.path(), "eth0", result);

        cni.del(network.toCni(), "cni-test", pin.path(), "eth0");
        assertEquals(List.of(), leaseFiles());
        assertEquals(null, HostProbe.link(HostProbe.addrsIn(pin.path()), "eth0"), "eth0 gone from the pod");
        cni.del(network.toCni(), "cni-test", pin.path(), "eth0"); // DEL twice is fine
    }

    @Test
    void aFailingAddIsAClearTypedErrorAndLeavesNoLease() throws Exception {
        var bad = network.toCni().json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad.path("ipam").path("ranges").get(0).get(0))
                .put("subnet", "10.300.0.0/24");
        CniNetworkConfig invalid = new CniNetworkConfig(network.name(), "bridge", bad);

        NetworkSetupException e = assertThrows(NetworkSetupException.class,
                () -> cni.add(invalid, "cni-test", pin.path(), "eth0"));
        assertEquals("bridge", e.plugin());
        assertEquals("ADD", e.command());
        assertTrue(e.pluginMessage().contains("invalid CIDR address: 10.300.0.0/24"), e.getMessage());
        assertTrue(e.getMessage().startsWith("CNI plugin 'bridge' failed ADD: invalid CIDR address"), e.getMessage());
        assertTrue(e.hint().isPresent());
        assertEquals(List.of(), leaseFiles());
    }

    @Test
    void aMissingPluginSaysWhichPackageToInstall() {
        Cni nowhere = new Cni(tmp.resolve("no-plugins"), java.time.Duration.ofSeconds(5));
        NetworkSetupException e = assertThrows(NetworkSetupException.class,
                () -> nowhere.add(network.toCni(), "cni-test", pin.path(), "eth0"));
        assertTrue(e.getMessage().contains("plugin not found"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("containernetworking-plugins"));
        assertFalse(Files.exists(network.leaseDir()));
    }
}
