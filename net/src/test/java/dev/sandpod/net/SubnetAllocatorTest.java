package dev.sandpod.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetAllocatorTest {
    @TempDir
    Path tmp;
    private final FakeNetlink host = new FakeNetlink();

    private SubnetAllocator allocator(String pool, int length) {
        return new SubnetAllocator(tmp.resolve("machine/allocations.json"), Ipv4Cidr.parse(pool), length, host,
                Files::isDirectory);
    }

    private Path root(String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void podsOfOneSandboxShareItsSubnetAndBridge() throws Exception {
        SubnetAllocator a = allocator("10.200.0.0/16", 24);
        Path root = root("r1");
        SubnetAllocation first = a.acquire(root, "aaaaaaaaaaaa", "default");
        SubnetAllocation second = a.acquire(root, "aaaaaaaaaaaa", "db");
        assertEquals("10.200.0.0/24", first.subnet());
        assertEquals(first.subnet(), second.subnet());
        assertEquals(first.bridge(), second.bridge());
        assertEquals(List.of("default", "db"), second.pods());
        assertEquals(second, a.acquire(root, "aaaaaaaaaaaa", "db"), "acquiring again changes nothing");
    }

    @Test
    void sandboxesAndRootsNeverShareASubnetOrBridgeEvenThroughSeparateAllocators() throws Exception {
        Path r1 = root("r1");
        Path r2 = root("r2");
        SubnetAllocation x = allocator("10.200.0.0/16", 24).acquire(r1, "aaaaaaaaaaaa", "default");
        SubnetAllocation y = allocator("10.200.0.0/16", 24).acquire(r2, "aaaaaaaaaaaa", "default");
        SubnetAllocation z = allocator("10.200.0.0/16", 24).acquire(r1, "bbbbbbbbbbbb", "default");
        assertEquals(3, Set.of(x.subnet(), y.subnet(), z.subnet()).size());
        assertEquals(3, Set.of(x.bridge(), y.bridge(), z.bridge()).size());
        for (SubnetAllocation s : List.of(x, y, z)) {
            assertTrue(s.bridge().matches("sp[0-9a-f]{8}[0-9]+") && s.bridge().length() <= 15, s.bridge());
        }
    }

    @Test
    void subnetsUsedOnTheHostAndBridgeNamesTakenAreSkipped() throws Exception {
        SubnetAllocator a = allocator("10.200.0.0/16", 24);
        Path root = root("r1");
        host.prefixes.add(Ipv4Cidr.parse("10.200.0.5/24"));
        host.prefixes.add(Ipv4Cidr.parse("10.200.1.0/25"));
        SubnetAllocation probe = allocator("10.200.0.0/16", 24).acquire(root("probe"), "cccccccccccc", "p");
        assertEquals("10.200.2.0/24", probe.subnet());

        String ours = a.acquire(root, "aaaaaaaaaaaa", "default").bridge();
        host.links.add(ours);
        a.release(root, "aaaaaaaaaaaa", "default", gone -> { });
        String next = a.acquire(root, "aaaaaaaaaaaa", "default").bridge();
        assertNotEquals(ours, next, "a name a host link has is not handed out again");
    }

    @Test
    void theLastPodsReleaseRunsTheHookThenForgetsTheSandbox() throws Exception {
        SubnetAllocator a = allocator("10.200.0.0/16", 24);
        Path root = root("r1");
        a.acquire(root, "aaaaaaaaaaaa", "default");
        a.acquire(root, "aaaaaaaaaaaa", "db");
        List<String> hooks = new ArrayList<>();
        assertFalse(a.release(root, "aaaaaaaaaaaa", "default", gone -> hooks.add(gone.bridge())));
        assertEquals(List.of(), hooks);
        assertTrue(a.release(root, "aaaaaaaaaaaa", "db", gone -> hooks.add(gone.bridge())));
        assertEquals(1, hooks.size());
        assertEquals(List.of(), a.list());
        assertTrue(a.release(root, "aaaaaaaaaaaa", "db", gone -> hooks.add("again")), "releasing twice is fine");
        assertEquals(1, hooks.size());
    }

    @Test
    void aFailingHookKeepsTheAllocationForALaterTry() throws Exception {
        SubnetAllocator a = allocator("10.200.0.0/16", 24);
        Path root = root("r1");
        a.acquire(root, "aaaaaaaaaaaa", "default");
        assertThrows(java.io.IOException.class, () -> a.release(root, "aaaaaaaaaaaa", "default", gone -> {
            throw new java.io.IOException("bridge busy");
        }));
        assertEquals(1, a.list().size());
        assertTrue(a.release(root, "aaaaaaaaaaaa", "default", gone -> { }));
        assertEquals(List.of(), a.list());
    }

    @Test
    void allocationsOfRootsThatNoLongerExistAreReclaimed() throws Exception {
        SubnetAllocator a = allocator("10.200.0.0/29", 29);
        Path gone = root("gone");
        a.acquire(gone, "aaaaaaaaaaaa", "default");
        Files.delete(gone);
        assertEquals(1, a.stale().size());
        SubnetAllocation reused = a.acquire(root("alive"), "bbbbbbbbbbbb", "default");
        assertEquals("10.200.0.0/29", reused.subnet(), "the only subnet of the pool, reclaimed");
        assertEquals(List.of(reused), a.list());
    }

    @Test
    void anExhaustedPoolSaysWhyAndWhatToDo() throws Exception {
        SubnetAllocator a = allocator("10.200.0.0/23", 24);
        host.prefixes.add(Ipv4Cidr.parse("10.200.1.0/24"));
        a.acquire(root("r1"), "aaaaaaaaaaaa", "default");
        SubnetPoolExhaustedException e = assertThrows(SubnetPoolExhaustedException.class,
                () -> a.acquire(root("r1"), "bbbbbbbbbbbb", "default"));
        assertEquals("no free /24 subnet left in 10.200.0.0/23: 1 allocated to sandboxes, 1 overlapping addresses "
                + "or routes on this host", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("sandpod doctor"));
    }

    @Test
    void concurrentAcquiresGetDistinctSubnets() throws Exception {
        Path root = root("r1");
        List<Callable<SubnetAllocation>> jobs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = String.format("%012x", i);
            jobs.add(() -> allocator("10.200.0.0/16", 24).acquire(root, id, "default"));
        }
        Set<String> subnets = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<SubnetAllocation> f : pool.invokeAll(jobs)) {
                subnets.add(f.get().subnet());
            }
        }
        assertEquals(24, subnets.size());
        assertEquals(24, allocator("10.200.0.0/16", 24).list().size());
    }
}
