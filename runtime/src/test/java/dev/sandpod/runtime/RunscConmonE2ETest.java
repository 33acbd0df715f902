package dev.sandpod.runtime;

import dev.sandpod.testing.TestImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.image.ImageService;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.state.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real runsc (gVisor, ptrace platform) under conmon, as root; each test has its own root and must leave nothing:
 * no mount, cgroup, runtime state, or process (runsc-sandbox and gofer included) naming the root.
 */
class RunscConmonE2ETest {
    private static final String SANDBOX = "sb1";

    @TempDir
    Path tmp;
    private RootLayout layout;
    private Containers containers;
    private ImageService images;
    private ImageRecord busybox;
    private final List<String> made = new ArrayList<>();
    private String netns;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNSC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runsc and conmon are installed by ./run-tests");
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
        for (Path stateRoot : List.of(ContainerPaths.runcRoot(layout), RuncConmonRuntime.runscRoot(layout))) {
            if (Files.isDirectory(stateRoot)) {
                try (var entries = Files.list(stateRoot)) {
                    // runsc keeps a lock file per root, not per container
                    entries.filter(e -> !e.getFileName().toString().endsWith(".lock") && !e.getFileName().toString().startsWith("runsc-"))
                            .forEach(e -> leaks.add("runtime state " + e));
                }
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
        new CgroupsV1(Path.of("/sys/fs/cgroup")).remove(CgroupPaths.forRoot(layout) + "/x");
        if (netns != null) {
            sh("ip", "netns", "del", netns);
        }
        assertEquals(List.of(), leaks);
    }

    private static String sh(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        return out;
    }

    private static ContainerSpec runsc(String script) {
        return ContainerSpec.of(List.of("/bin/sh", "-c", script), "/unset").withRuntime(RuntimeClass.RUNSC);
    }

    private ContainerState runToExit(String id, ContainerSpec spec) throws Exception {
        made.add(id);
        containers.create(SANDBOX, id, busybox, spec);
        containers.start(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ContainerState state = containers.state(id);
        while (!state.exited() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            state = containers.state(id);
        }
        assertTrue(state.exited(), state.toString());
        return state;
    }

    private String log(String id) throws Exception {
        return Files.readString(containers.paths(SANDBOX, id).logFile());
    }

    private void remove(String id) throws Exception {
        containers.delete(SANDBOX, id, false);
        made.remove(id);
        assertEquals(List.of(), Leaks.processesMentioning(layout.root().toString()), "runsc processes left after delete");
    }

    @Test
    void echoHelloRunsUnderRunscAndLeavesNoProcess() throws Exception {
        ContainerState state = runToExit("echo", ContainerSpec.of(List.of("/bin/busybox", "echo", "hello"), "/unset")
                .withRuntime(RuntimeClass.RUNSC));
        assertEquals(OptionalInt.of(0), state.exitCode());
        String text = log("echo");
        assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+[+-]\\d\\d:\\d\\d stdout F hello\\n"), text);
        assertTrue(Files.isDirectory(RuncConmonRuntime.runscRoot(layout)), "runsc keeps its state under its own root");
        remove("echo");
    }

    @Test
    void theKernelInsideIsGvisorsNotTheHosts() throws Exception {
        ContainerState state = runToExit("kernel", runsc("uname -r; dmesg"));
        assertEquals(OptionalInt.of(0), state.exitCode(), log("kernel"));
        String text = log("kernel");
        String release = text.lines().findFirst().orElseThrow().replaceFirst(".* stdout F ", "");
        assertNotEquals(System.getProperty("os.version"), release, text);
        assertTrue(text.contains("gVisor"), text);
        remove("kernel");
    }

    @Test
    void aStillRunningContainerIsForceDeletedWithAllItsProcesses() throws Exception {
        made.add("sleeper");
        containers.create(SANDBOX, "sleeper", busybox, runsc("sleep 60"));
        containers.start("sleeper");
        assertEquals(ContainerStatus.RUNNING, containers.state("sleeper").status());
        assertFalse(Leaks.processesMentioning(layout.root().toString()).isEmpty(), "runsc's processes name the root");
        containers.delete(SANDBOX, "sleeper", true);
        made.remove("sleeper");
        assertEquals(List.of(), Leaks.processesMentioning(layout.root().toString()));
    }

    @Test
    void inAPodNetnsItSeesThePodsInterfaceNotTheHosts() throws Exception {
        netns = "sandpod-runsc-test-" + ProcessHandle.current().pid();
        sh("ip", "netns", "add", netns);
        sh("ip", "-n", netns, "link", "add", "eth0", "type", "veth", "peer", "name", "peer0");
        sh("ip", "-n", netns, "addr", "add", "10.213.7.2/24", "dev", "eth0");
        sh("ip", "-n", netns, "link", "set", "eth0", "up");
        sh("ip", "-n", netns, "link", "set", "peer0", "up");
        sh("ip", "-n", netns, "link", "set", "lo", "up");
        ContainerState state = runToExit("net", runsc("ip addr; cat /proc/net/dev")
                .withNetworkNamespace(Path.of("/run/netns", netns)));
        String text = log("net");
        assertEquals(OptionalInt.of(0), state.exitCode(), text);
        assertTrue(text.contains("10.213.7.2"), text);
        assertTrue(text.contains("eth0"), text);
        for (String hostIf : sh("ls", "/sys/class/net").split("\\s+")) {
            if (!hostIf.isBlank() && !hostIf.equals("lo") && !hostIf.equals("eth0")) {
                assertFalse(text.contains(hostIf + ":"), "host interface " + hostIf + " is visible: " + text);
            }
        }
        assertEquals(OptionalInt.of(0), state.exitCode());
        remove("net");
    }

    @Test
    void anUnknownRuntimeIsATypedErrorWithAHint() {
        RuntimeMissingException e = assertThrows(RuntimeMissingException.class, () -> RuntimeClass.parse("kata"));
        assertTrue(e.getMessage().contains("kata"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("runsc"), e.hint().toString());
    }
}
