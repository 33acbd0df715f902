package dev.sandpod.runtime;

import dev.sandpod.testing.TestImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.image.ImageService;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.unpack.FileCapabilities;
import dev.sandpod.state.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real runc 1.1 under conmon 2.1, overlayfs and cgroups, as root; each test has its own root and must leave nothing. */
class RuncConmonE2ETest {
    private static final String SANDBOX = "sb1";

    @TempDir
    Path tmp;
    private RootLayout layout;
    private Containers containers;
    private ImageService images;
    private ImageRecord busybox;
    private final List<String> made = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runc and conmon are installed by ./run-tests");
        // The container's uid 65534 must reach the layers through the root.
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = RootLayout.of(tmp.resolve("root"));
        images = ImageService.open(layout);
        busybox = TestImages.busybox(images, tmp);
        containers = Containers.open(layout);
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (layout == null) {
            return;
        }
        List<String> leaks = new ArrayList<>();
        leaks.addAll(Leaks.mountsUnder(layout.root()));
        Leaks.cgroupDirs(CgroupPaths.forRoot(layout)).forEach(p -> leaks.add("cgroup " + p));
        Path runcRoot = ContainerPaths.runcRoot(layout);
        if (Files.isDirectory(runcRoot)) {
            try (var entries = Files.list(runcRoot)) {
                entries.forEach(e -> leaks.add("runc state " + e));
            }
        }
        leaks.addAll(Leaks.processesMentioning(layout.root().toString()));
        for (String id : made) {
            try {
                containers.delete(SANDBOX, id, true);
            } catch (ContainerException e) {
                leaks.add("cleanup of " + id + ": " + e.getMessage());
            }
        }
        images.close();
        // Cgroup dirs the kernel keeps can't be removed by rm -r of the temp dir: make sure they go.
        new CgroupsV1(Path.of("/sys/fs/cgroup")).remove(CgroupPaths.forRoot(layout) + "/x");
        assertEquals(List.of(), leaks);
    }

    private ContainerState run(String id, ContainerSpec spec) throws Exception {
        made.add(id);
        containers.create(SANDBOX, id, busybox, spec);
        return containers.start(id);
    }

    private ContainerState awaitExit(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        ContainerState state = containers.state(id);
        while (!state.exited() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            state = containers.state(id);
        }
        assertTrue(state.exited(), state.toString());
        return state;
    }

    private void remove(String id) throws Exception {
        containers.delete(SANDBOX, id, false);
        made.remove(id);
    }

    private static ContainerSpec sh(String script) {
        return ContainerSpec.of(List.of("/bin/sh", "-c", script), "/unset");
    }

    @Test
    void echoHelloIsLoggedInCriFormatAndExitsZero() throws Exception {
        Path log = containers.paths(SANDBOX, "echo").logFile();
        run("echo", ContainerSpec.of(List.of("/bin/busybox", "echo", "hello"), "/unset"));
        ContainerState state = awaitExit("echo");
        assertEquals(OptionalInt.of(0), state.exitCode());
        assertEquals("Completed", state.reason().orElseThrow());
        assertFalse(state.oomKilled());
        String text = Files.readString(log);
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+[+-]\\d\\d:\\d\\d stdout F hello\\n"), text);
        remove("echo");
        assertFalse(Files.exists(log));
    }

    @Test
    void theExitCodeComesFromConmonsExitFile() throws Exception {
        run("three", sh("exit 3"));
        ContainerState state = awaitExit("three");
        assertEquals(OptionalInt.of(3), state.exitCode());
        assertEquals("Error", state.reason().orElseThrow());
        remove("three");
    }

    @Test
    void aCommandThatDoesNotExistFailsCreateWithRuncsReasonAndExit127() {
        made.add("nope");
        RuncFailedException e = assertThrows(RuncFailedException.class,
                () -> containers.create(SANDBOX, "nope", busybox, ContainerSpec.of(List.of("/no/such/cmd"), "/unset")));
        assertEquals(127, e.exitCode());
        assertTrue(e.runcError().contains("/no/such/cmd") && e.runcError().contains("no such file"), e.runcError());
        assertEquals("create", e.operation());
        made.remove("nope");
        assertFalse(Files.exists(containers.paths(SANDBOX, "nope").dir()), "a failed create leaves nothing");
    }

    @Test
    void anOutOfMemoryKillIsDetectedFromTheCgroup() throws Exception {
        run("oom", sh("x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done")
                .withLimits(ContainerSpec.Limits.NONE.withMemoryBytes(16L << 20)));
        ContainerState state = awaitExit("oom");
        assertTrue(state.oomKilled(), state.toString());
        assertEquals("OOMKilled", state.reason().orElseThrow());
        remove("oom");
    }

    @Test
    void stopKillsAProcessThatIgnoresSigtermAfterTheGrace() throws Exception {
        run("stubborn", sh("trap '' TERM; while true; do sleep 0.05; done"));
        long started = System.nanoTime();
        ContainerState state = containers.stop("stubborn", Duration.ofMillis(800));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(OptionalInt.of(137), state.exitCode());
        assertFalse(state.oomKilled());
        assertTrue(tookMillis >= 800, "stopped after " + tookMillis + " ms");
        remove("stubborn");
    }

    @Test
    void aContainerOutlivesItsJavaObjectsAndIsReattachedById() throws Exception {
        run("sleeper", sh("sleep 30"));
        containers = null; // forget everything held in memory
        Containers later = Containers.open(layout);
        ContainerState state = later.state("sleeper");
        assertEquals(ContainerStatus.RUNNING, state.status());
        assertTrue(ProcessHandle.of(state.pid()).isPresent());
        assertTrue(((RuncConmonRuntime) RuncConmonRuntime.open(layout, Cgroups.detect())).conmonAlive("sleeper"));
        containers = later;
        assertThrows(IllegalStateTransition.class, () -> later.delete(SANDBOX, "sleeper", false));
        assertEquals(OptionalInt.of(137), later.stop("sleeper", Duration.ZERO).exitCode());
        remove("sleeper");
    }

    @Test
    void limitsAreVisibleInTheCgroupAndUpdatesNeverCutDevNull() throws Exception {
        run("devnull", sh("while true; do echo x > /dev/null || echo FAILED; done")
                .withLimits(ContainerSpec.Limits.NONE.withPids(20).withMemoryBytes(64L << 20).withCpuMillis(500)));
        String cgroup = containers.paths(SANDBOX, "devnull").cgroupsPath();
        assertEquals("20", Files.readString(Path.of("/sys/fs/cgroup/pids" + cgroup + "/pids.max")).strip());
        assertEquals(20, containers.limits(SANDBOX, "devnull").pids().getAsLong());
        for (int i = 0; i < 200; i++) {
            containers.update(SANDBOX, "devnull", ContainerSpec.Limits.NONE.withMemoryBytes((64L + i % 2) << 20)
                    .withCpuMillis(400 + i % 3 * 100).withPids(20 + i % 5));
        }
        assertEquals(new ContainerSpec.Limits(java.util.OptionalLong.of(65L << 20), java.util.OptionalLong.of(500),
                java.util.OptionalLong.of(24)), containers.limits(SANDBOX, "devnull"));
        assertTrue(containers.usage(SANDBOX, "devnull").pids() >= 1);
        assertEquals(ContainerStatus.RUNNING, containers.state("devnull").status());
        containers.stop("devnull", Duration.ZERO);
        String log = Files.readString(containers.paths(SANDBOX, "devnull").logFile());
        assertFalse(log.contains("FAILED") || log.contains("not permitted"), log);
        remove("devnull");
    }

    @Test
    void aRecreatedContainerKeepsItsWritableLayerAndThePreviousLog() throws Exception {
        ContainerSpec spec = sh("cat /kept 2>/dev/null; echo written > /kept");
        run("again", spec);
        awaitExit("again");
        containers.recreate(SANDBOX, "again", busybox, spec);
        containers.start("again");
        assertEquals(OptionalInt.of(0), awaitExit("again").exitCode());
        ContainerPaths paths = containers.paths(SANDBOX, "again");
        assertTrue(Files.readString(paths.logFile()).contains("stdout F written"), Files.readString(paths.logFile()));
        assertFalse(Files.readString(paths.previousLogFile()).contains("written"));
        remove("again");
        assertFalse(Files.exists(paths.dir()));
    }

    @Test
    void aV3FileCapabilityGivesANonRootProcessItsCapability() throws Exception {
        final int capNetRaw = 13;
        byte[] binary = Files.readAllBytes(TestImages.BUSYBOX);
        List<LayerEntry> layer = new ArrayList<>();
        layer.add(LayerEntry.of(TarEntry.dir("bin/")));
        layer.add(new LayerEntry(TarEntry.file("bin/busybox", 0755, binary.length)
                .withXattr(FileCapabilities.XATTR, FileCapabilities.v3(1L << capNetRaw, 0, true, 1000)),
                () -> new java.io.ByteArrayInputStream(binary)));
        busybox = TestImages.load(images, tmp, "test/setcap:1", new ScratchImageBuilder().layer(layer));
        run("caps", ContainerSpec.of(List.of("/bin/busybox", "grep", "CapEff", "/proc/self/status"), "/unset")
                .withUser(new ContainerSpec.User(65534, 65534, List.of())));
        assertEquals(OptionalInt.of(0), awaitExit("caps").exitCode());
        String line = Files.readString(containers.paths(SANDBOX, "caps").logFile()).strip();
        long capEff = Long.parseUnsignedLong(line.substring(line.lastIndexOf(':') + 1).strip(), 16);
        assertEquals(1L << capNetRaw, capEff, line);
        remove("caps");
    }
}
