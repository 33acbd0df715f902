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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real namespaces, real bind mounts, as root. Every test must leave no pin and no mount behind. */
class NetnsManagerE2ETest {
    @TempDir
    Path tmp;
    private NetnsManager manager;
    private final List<PinnedNetns> made = new ArrayList<>();

    @BeforeEach
    void setUp() {
        HostProbe.assumeRootE2e();
        manager = new NetnsManager(new LinuxMounts(), new IpCommand(), tmp.resolve("run/netns"));
    }

    @AfterEach
    void nothingLeft() throws Exception {
        for (PinnedNetns pin : made) {
            pin.remove();
        }
        manager.removeDirIfEmpty();
        assertEquals(List.of(), HostProbe.mountsUnder(tmp), "mounts left behind");
        assertFalse(Files.exists(manager.dir()), "netns directory left behind");
    }

    private PinnedNetns create(String name) throws NetnsException {
        PinnedNetns pin = manager.create(name);
        made.add(pin);
        return pin;
    }

    @Test
    void aPinnedNamespaceIsNewHasLoopbackUpAndIsUsableFromAnotherProcess() throws Exception {
        PinnedNetns pin = create("pod-a");
        assertEquals(manager.dir().resolve("pod-a"), pin.path());
        assertTrue(HostProbe.mountsUnder(tmp).contains(pin.path().toString()), "the pin is a mount point");
        assertEquals(List.of(manager.dir().toString(), pin.path().toString()), HostProbe.mountsUnder(tmp));

        String inside = HostProbe.run("nsenter", "--net=" + pin.path(), "readlink", "/proc/self/ns/net").stdout().strip();
        String host = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        assertNotEquals(host, inside, "a new namespace, not the host's");

        JsonNode addrs = HostProbe.addrsIn(pin.path());
        assertEquals(1, addrs.size(), "only lo: " + addrs);
        JsonNode lo = HostProbe.link(addrs, "lo");
        assertTrue(lo.path("flags").toString().contains("\"UP\""), "lo is up: " + lo);
        assertEquals(host, Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(), "the JVM stays on the host");
    }

    @Test
    void sharedPropagationOfThePinDirectory() throws Exception {
        create("pod-a");
        String line = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.split(" ")[4].equals(manager.dir().toString())).findFirst().orElseThrow();
        assertTrue(line.contains(" shared:"), "the pin directory is a shared mount: " + line);
    }

    @Test
    void aPinOutlivesTheJvmThatMadeIt() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessRunner.Result child = HostProbe.run(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), PinMain.class.getName(), manager.dir().toString(), "from-child");
        assertEquals(0, child.exitCode(), child.stderr());
        PinnedNetns pin = manager.find("from-child").orElseThrow();
        made.add(pin);
        assertEquals(pin.path().toString(), child.stdout().strip());
        JsonNode lo = HostProbe.link(HostProbe.addrsIn(pin.path()), "lo");
        assertTrue(lo.path("flags").toString().contains("\"UP\""), "the child's namespace, lo up: " + lo);
        assertEquals(List.of(pin), manager.list());
    }

    @Test
    void removeIsIdempotentAndSafeFromManyThreads() throws Exception {
        PinnedNetns pin = create("pod-a");
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    pin.remove();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertTrue(pin.isRemoved());
        assertFalse(Files.exists(pin.path()));
        pin.close();
        // A second object for the same, already removed pin (as after a restart) removes without error.
        new PinnedNetns(pin.path(), pin.name(), new LinuxMounts()).remove();
        assertEquals(List.of(manager.dir().toString()), HostProbe.mountsUnder(tmp));
    }

    @Test
    void aFailureAfterPinningUndoesThePin() throws Exception {
        Netlink failing = new Netlink() {
            public Set<String> linkNames() { return Set.of(); }
            public List<Ipv4Cidr> hostPrefixes() { return List.of(); }
            public void deleteLink(String name) { }
            public void linkUp(Path netns, String ifname) throws IOException { throw new IOException("lo refused"); }
        };
        NetnsManager broken = new NetnsManager(new LinuxMounts(), failing, manager.dir());
        NetnsException e = assertThrows(NetnsException.class, () -> broken.create("pod-a"));
        assertTrue(e.getMessage().contains("lo refused"), e.getMessage());
        assertFalse(Files.exists(manager.dir().resolve("pod-a")), "pin file removed");
        assertEquals(List.of(manager.dir().toString()), HostProbe.mountsUnder(tmp), "pin unmounted");
    }

    @Test
    void duplicateAndInvalidNamesAreRefusedClearly() throws Exception {
        create("pod-a");
        NetnsException dup = assertThrows(NetnsException.class, () -> manager.create("pod-a"));
        assertTrue(dup.getMessage().contains("already exists"), dup.getMessage());
        assertTrue(Files.exists(manager.dir().resolve("pod-a")), "the existing pin is untouched");
        NetnsException bad = assertThrows(NetnsException.class, () -> manager.create("../escape"));
        assertTrue(bad.getMessage().contains("invalid network namespace name"), bad.getMessage());
        assertFalse(manager.removeDirIfEmpty(), "a directory with a pin stays");
    }
}
