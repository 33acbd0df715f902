package dev.sandpod.sandbox;

import dev.sandpod.testing.TestImages;

import dev.sandpod.testing.HostLeaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.image.ImageService;
import dev.sandpod.net.IpCommand;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.StateDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the end-to-end tests. Real sandboxes as root: runc under conmon, pinned netns with CNI bridge +
 * host-local, overlayfs, cgroups. Each test has its own root with the busybox image loaded; after each, nothing it
 * made may be left on the host.
 */
abstract class RealSandboxTest {
    static final String IMAGE = "test/busybox:1";
    static final BackOff FAST = new BackOff(Duration.ofMillis(100), Duration.ofMillis(400));

    @TempDir
    Path tmp;
    RootLayout layout;
    SandboxService service;
    Set<String> linksBefore;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runc and conmon are installed by ./run-tests");
        // The layers must be reachable through the root for non-root container users.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = RootLayout.of(tmp.resolve("root"));
        try (ImageService images = ImageService.open(layout)) {
            TestImages.busybox(images, tmp);
        }
        linksBefore = new HashSet<>(HostLeaks.hostLinkNames());
        service = SandboxService.open(layout, new SandboxService.Config(FAST));
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (layout == null) {
            return;
        }
        List<String> leaks = new ArrayList<>();
        for (SandboxDescription left : service.list()) {
            leaks.add("sandbox " + left.name());
            service.remove(left.id(), true);
        }
        service.close();
        leaks.addAll(HostLeaks.mountsUnder(tmp));
        leaks.addAll(HostLeaks.cgroupDirs(CgroupPaths.forRoot(layout)));
        leaks.addAll(HostLeaks.entriesUnder(ContainerPaths.runcRoot(layout)));
        leaks.addAll(HostLeaks.entriesUnder(layout.runtimeDir().resolve("netns")));
        leaks.addAll(HostLeaks.entriesUnder(layout.sandboxesDir()));
        leaks.addAll(HostLeaks.entriesUnder(PodNetwork.ipamDir(layout)));
        leaks.addAll(HostLeaks.processesMentioning(layout.root().toString()));
        SubnetAllocator.machineWide(new IpCommand()).list().stream()
                .filter(a -> a.root().equals(layout.root().toString()))
                .forEach(a -> leaks.add("allocation " + a));
        // Only new links count: other processes on this machine may remove theirs meanwhile. Other roots' tests
        // (other worktrees) make links meanwhile too: their bridges, and veths on them, are theirs.
        Set<String> othersBridges = new HashSet<>();
        SubnetAllocator.machineWide(new IpCommand()).list().stream()
                .filter(a -> !a.root().equals(layout.root().toString()))
                .forEach(a -> othersBridges.add(a.bridge()));
        HostLeaks.hostLinkMasters().forEach((link, master) -> {
            if (!linksBefore.contains(link) && !othersBridges.contains(link) && !othersBridges.contains(master)) {
                leaks.add("link " + link);
            }
        });
        try (StateDb db = StateDb.open(layout)) {
            for (String table : List.of("sandboxes", "services", "containers", "image_users")) {
                int rows = db.inTransaction(c -> {
                    try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                        return rs.getInt(1);
                    }
                });
                if (rows > 0) {
                    leaks.add(rows + " rows in " + table);
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    static RunRequest.Builder sh(String name, String script) {
        return RunRequest.builder(IMAGE).name(name).args("/bin/sh", "-c", script);
    }

    /** Runs reconcile passes until the sandbox's main container matches, or fails after {@code timeout}. */
    ContainerDescription reconcileUntil(String name, Predicate<ContainerDescription> done, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ContainerDescription main = service.describe(name).main();
        while (!done.test(main)) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting; last seen " + main + "\nevents "
                    + service.describe(name).events());
            assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
            Thread.sleep(20);
            main = service.describe(name).main();
        }
        return main;
    }

    static List<String> reasons(SandboxDescription d) {
        return d.events().stream().map(Event::reason).toList();
    }
}
