package dev.sandpod.cli;

import dev.sandpod.client.DaemonLauncher;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Containers outlive their daemon: a background daemon (as the CLI starts one) killed with SIGKILL while a
 * container runs, then `daemon stop` of the next one; the container keeps running throughout and each new daemon
 * reports it Running.
 */
class SandboxOutlivesDaemonTest {
    @TempDir
    Path tmp;

    @Test
    void aContainerKeepsRunningWhenItsDaemonIsKilledOrStoppedAndTheNextDaemonReattaches() throws Exception {
        SandboxCommandsTest.assumeHost();
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = tmp.resolve("root");
        RootLayout layout = RootLayout.of(root);
        Set<String> bridges = new HashSet<>();
        List<ProcessHandle> daemons = new ArrayList<>();
        try {
            DaemonLauncher.Running first = Daemons.launcher(layout).ensureRunning();
            first.started().ifPresent(daemons::add);
            ProcessHandle killed = first.started().orElseThrow(() -> new AssertionError("a daemon already ran"));
            SandboxCommandsTest.loadBusybox(first.client(), tmp);
            Roots.ok(CliRun.runWithBackgroundDaemon(root, "run", "--name", "keep", SandboxCommandsTest.IMAGE, "--", "/bin/sh", "-c", "sleep 1000"));
            bridges.addAll(SandboxHost.bridgesOf(layout));
            long pid = SandboxHost.containerPid(layout, containerId(Roots.ok(CliRun.runWithBackgroundDaemon(root, "describe", "keep")).out()));

            assertTrue(killed.destroyForcibly(), "SIGKILL sent to the daemon " + killed.pid());
            killed.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the container died with its daemon");

            // the next command starts a new daemon, which re-attaches
            String ps = Roots.ok(CliRun.runWithBackgroundDaemon(root, "ps")).out();
            current(layout).ifPresent(daemons::add);
            assertTrue(ps.lines().anyMatch(l -> l.startsWith("keep ") && l.contains("Running")), ps);
            String describe = Roots.ok(CliRun.runWithBackgroundDaemon(root, "describe", "keep")).out();
            assertTrue(describe.contains("State:          Running"), describe);
            assertTrue(describe.contains("Restart Count:  0"), describe);
            assertEquals(pid, SandboxHost.containerPid(layout, containerId(describe)), "the same process, not a new one");

            Roots.ok(CliRun.runWithBackgroundDaemon(root, "daemon", "stop"));
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "daemon stop stopped the container");
            String afterStop = Roots.ok(CliRun.runWithBackgroundDaemon(root, "ps")).out();
            current(layout).ifPresent(daemons::add);
            assertTrue(afterStop.lines().anyMatch(l -> l.startsWith("keep ") && l.contains("Running")), afterStop);

            Roots.ok(CliRun.runWithBackgroundDaemon(root, "rm", "-f", "keep"));
            Roots.ok(CliRun.runWithBackgroundDaemon(root, "daemon", "stop"));
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "rm -f killed the container");
        } finally {
            for (ProcessHandle daemon : daemons) {
                if (daemon.isAlive()) {
                    daemon.destroyForcibly();
                    daemon.onExit().get(10, TimeUnit.SECONDS);
                }
            }
        }
        assertEquals(List.of(), SandboxHost.leftovers(tmp, layout, bridges));
    }

    private static String containerId(String describe) {
        Matcher m = Pattern.compile("Container ID:\\s+(\\S+)").matcher(describe);
        assertTrue(m.find(), describe);
        return m.group(1);
    }

    /** The daemon serving the root now (started by the last command), so the test can make sure it ends. */
    private static Optional<ProcessHandle> current(RootLayout layout) throws Exception {
        return ProcessHandle.of(SandpodClient.connect(layout.daemonSocket()).version().pid());
    }
}
