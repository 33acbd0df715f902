package dev.sandpod.sandbox;

import dev.sandpod.testing.TestImages;

import dev.sandpod.testing.HostLeaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.net.IpCommand;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocation;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.runtime.Containers;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.sandbox.doctor.Doctor;
import dev.sandpod.sandbox.doctor.DoctorReport;
import dev.sandpod.sandbox.doctor.Finding;
import dev.sandpod.sandbox.doctor.LeftoverKind;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.StateDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} on real leftovers: a sandbox whose rows a crash lost, and things left behind by hand (a pin, a bridge
 * with its allocation, a stray mount, a cgroup, a runc container under conmon, image-store partials). Each test has
 * two roots; live sandboxes of both stay untouched, and after each test nothing of either root is left on the host.
 */
class DoctorE2ETest {
    private static final String IMAGE = "test/busybox:1";
    private static final String GONE = "0123456789ab";

    @TempDir
    Path tmp;
    private RootLayout layout;
    private RootLayout otherLayout;
    private SandboxService service;
    private SandboxService other;
    private ImageRecord busybox;
    private Set<String> linksBefore;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runc and conmon are installed by ./run-tests");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = RootLayout.of(tmp.resolve("root"));
        otherLayout = RootLayout.of(tmp.resolve("other"));
        for (RootLayout l : List.of(layout, otherLayout)) {
            try (ImageService images = ImageService.open(l)) {
                busybox = TestImages.busybox(images, tmp);
            }
        }
        linksBefore = new HashSet<>(HostLeaks.hostLinkNames());
        service = SandboxService.open(layout);
        other = SandboxService.open(otherLayout);
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (layout == null) {
            return;
        }
        List<String> leaks = new ArrayList<>();
        for (SandboxService s : List.of(service, other)) {
            for (SandboxDescription left : s.list()) {
                s.remove(left.id(), true);
            }
            s.close();
        }
        leaks.addAll(HostLeaks.mountsUnder(tmp));
        for (RootLayout l : List.of(layout, otherLayout)) {
            leaks.addAll(HostLeaks.cgroupDirs(CgroupPaths.forRoot(l)));
            leaks.addAll(HostLeaks.entriesUnder(ContainerPaths.runcRoot(l)));
            leaks.addAll(HostLeaks.entriesUnder(l.runtimeDir().resolve("netns")));
            leaks.addAll(HostLeaks.entriesUnder(l.runtimeDir().resolve("containers")));
            leaks.addAll(HostLeaks.entriesUnder(l.sandboxesDir()));
            leaks.addAll(HostLeaks.entriesUnder(PodNetwork.ipamDir(l)));
            leaks.addAll(HostLeaks.entriesUnder(l.contentDir().resolve("ingest")).stream().filter(e -> e.endsWith(".partial")).toList());
            leaks.addAll(HostLeaks.processesMentioning(l.root().toString()));
            allocations(l).forEach(a -> leaks.add("allocation " + a));
        }
        leaks.addAll(newLinks());
        assertEquals(List.of(), leaks);
    }

    @Test
    void aSandboxWhoseRowsACrashLostIsRemovedWhileLiveSandboxesOfThisAndAnotherRootKeepRunning() throws Exception {
        service.run(sleeper("live"));
        RunResult crashed = service.run(sleeper("crashed"));
        other.run(sleeper("elsewhere"));
        String crashedContainer = service.describe("crashed").main().id();
        String bridge = allocations(layout).stream().filter(a -> a.sandboxId().equals(crashed.id())).findFirst()
                .orElseThrow().bridge();
        forgetSandbox(crashed.id());

        DoctorReport dryRun = doctor(Doctor::check);
        Set<LeftoverKind> kinds = kinds(dryRun.found());
        assertTrue(kinds.containsAll(EnumSet.of(LeftoverKind.CONMON_PROCESS, LeftoverKind.RUNC_CONTAINER, LeftoverKind.MOUNT,
                LeftoverKind.CGROUP, LeftoverKind.ALLOCATION, LeftoverKind.VETH, LeftoverKind.BRIDGE, LeftoverKind.NETNS_PIN,
                LeftoverKind.LEASE_DIR, LeftoverKind.RUNTIME_FILES, LeftoverKind.SANDBOX_DIR)), dryRun.toString());
        for (Finding f : dryRun.found()) {
            assertTrue(f.name().contains(crashed.id()) || f.name().contains(crashedContainer) || f.name().contains(bridge),
                    "only the crashed sandbox's things are leftovers: " + f);
        }
        assertEquals(List.of(), dryRun.removed());
        assertEquals(dryRun.found(), doctor(Doctor::check).found(), "a dry run removes nothing");
        assertTrue(!HostLeaks.processesMentioning(crashedContainer).isEmpty(), "a dry run kills nothing");

        DoctorReport fixed = doctor(Doctor::fix);
        assertEquals(List.of(), fixed.failed());
        assertEquals(fixed.found(), fixed.removed());
        assertTrue(fixed.clean());
        assertEquals(List.of(), doctor(Doctor::check).found(), "a second run finds nothing");

        assertEquals(List.of(), HostLeaks.processesMentioning(crashedContainer));
        assertEquals(List.of(), HostLeaks.mountsUnder(layout.sandboxesDir().resolve(crashed.id())));
        assertEquals(List.of(), HostLeaks.cgroupDirs(CgroupPaths.forContainer(layout, crashed.id(), crashedContainer)));
        assertTrue(!HostLeaks.hostLinkNames().contains(bridge), "bridge " + bridge + " is gone");
        assertTrue(allocations(layout).stream().noneMatch(a -> a.sandboxId().equals(crashed.id())));
        assertEquals("Running", service.describe("live").main().stateWithReason());
        assertEquals("Running", other.describe("elsewhere").main().stateWithReason());
    }

    @Test
    void leftoversMadeByHandAreRemovedAndASecondRunIsClean() throws Exception {
        service.run(sleeper("live"));
        PodNetwork network = PodNetwork.onThisHost();
        network.netns(layout).create(GONE + "-web");
        SubnetAllocation allocation = SubnetAllocator.machineWide(new IpCommand()).acquire(layout.root(), GONE, "web");
        run("ip", "link", "add", "name", allocation.bridge(), "type", "bridge");
        Path stray = Files.createDirectories(layout.sandboxesDir().resolve(GONE).resolve("stray"));
        new LinuxMounts().mount("tmpfs", stray.toString(), "tmpfs", 0, null);
        Path cgroup = Files.createDirectories(cgroupHierarchy().resolve(
                CgroupPaths.forContainer(layout, GONE, "handmade").substring(1)));
        Containers containers = Containers.open(layout);
        ContainerPaths strayPaths = containers.paths(GONE, "stray1");
        containers.create(GONE, "stray1", busybox, ContainerSpec.of(List.of("/bin/sh", "-c", "sleep 300"), strayPaths.cgroupsPath()));
        containers.start("stray1");
        Path partial = Files.createDirectories(layout.contentDir().resolve("ingest")).resolve("sha256-" + "a".repeat(64) + ".partial");
        Files.writeString(partial, "half a blob");
        Path layerTemp = Files.createDirectories(layout.layersDir().resolve(".tmp-" + "b".repeat(64) + "-1"));
        Files.writeString(layerTemp.resolve("file"), "half a layer");

        DoctorReport dryRun = doctor(Doctor::check);
        assertTrue(kinds(dryRun.found()).containsAll(EnumSet.of(LeftoverKind.CONMON_PROCESS, LeftoverKind.RUNC_CONTAINER,
                LeftoverKind.MOUNT, LeftoverKind.CGROUP, LeftoverKind.ALLOCATION, LeftoverKind.BRIDGE,
                LeftoverKind.NETNS_PIN, LeftoverKind.SANDBOX_DIR, LeftoverKind.INGEST_PARTIAL, LeftoverKind.LAYER_TEMP)),
                dryRun.toString());
        assertTrue(Files.exists(partial) && Files.isDirectory(cgroup) && "running".equals(containers.state("stray1").status().name().toLowerCase()),
                "a dry run removes nothing");

        DoctorReport fixed = doctor(Doctor::fix);
        assertEquals(List.of(), fixed.failed());
        assertTrue(fixed.clean());
        assertEquals(List.of(), doctor(Doctor::check).found(), "a second run finds nothing");
        assertTrue(!HostLeaks.hostLinkNames().contains(allocation.bridge()));
        assertTrue(!Files.exists(partial) && !Files.exists(layerTemp) && !Files.exists(cgroup));
        assertEquals("Running", service.describe("live").main().stateWithReason());
    }

    private interface Run {
        DoctorReport on(Doctor doctor) throws Exception;
    }

    private DoctorReport doctor(Run run) throws Exception {
        try (StateDb db = StateDb.open(layout)) {
            return run.on(Doctor.onThisHost(layout, db));
        }
    }

    /**
     * Links made since the test began that are still there after a few seconds: the kernel frees an unpinned
     * namespace (and its veth pair) asynchronously, and other sandpod roots on this machine come and go.
     */
    private List<String> newLinks() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<String> links = HostLeaks.hostLinkNames().stream().filter(Predicate.not(linksBefore::contains))
                    .map(l -> "link " + l).toList();
            if (links.isEmpty() || System.nanoTime() > deadline) {
                return links;
            }
            Thread.sleep(100);
        }
    }

    private static RunRequest sleeper(String name) {
        return RunRequest.builder(IMAGE).name(name).args("/bin/sh", "-c", "sleep 300").build();
    }

    /** What a crash between making a sandbox and recording it looks like: everything on the host, no rows. */
    private void forgetSandbox(String id) throws Exception {
        try (StateDb db = StateDb.open(layout)) {
            db.inTransaction(c -> {
                for (String table : List.of("containers", "services", "image_users", "events")) {
                    try (var s = c.prepareStatement("DELETE FROM " + table + " WHERE sandbox_id = ?")) {
                        s.setString(1, id);
                        s.executeUpdate();
                    }
                }
                try (var s = c.prepareStatement("DELETE FROM sandboxes WHERE id = ?")) {
                    s.setString(1, id);
                    s.executeUpdate();
                }
                return null;
            });
        }
    }

    private static List<SubnetAllocation> allocations(RootLayout l) throws Exception {
        return SubnetAllocator.machineWide(new IpCommand()).list().stream()
                .filter(a -> a.root().equals(l.root().toString())).toList();
    }

    private static Set<LeftoverKind> kinds(List<Finding> findings) {
        return findings.stream().map(Finding::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(LeftoverKind.class)));
    }

    private static Path cgroupHierarchy() {
        Path root = Path.of("/sys/fs/cgroup");
        return Files.exists(root.resolve("cgroup.controllers")) ? root : root.resolve("pids");
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    }
}
