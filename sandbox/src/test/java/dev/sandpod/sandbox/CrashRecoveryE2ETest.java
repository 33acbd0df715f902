package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.runtime.ContainerStatus;
import dev.sandpod.runtime.Containers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the daemon at points of run and remove: the work runs in a child JVM that stops at a crash
 * point and is killed there with SIGKILL. A new service on the same root (recovery) plus reconcile passes must leave
 * the sandbox either fully Running or fully gone, never kill a running container, and remove --force must then
 * leave nothing on the host.
 */
class CrashRecoveryE2ETest extends RealSandboxTest {
    @Test
    void killedAfterThePodNetworkIsMadeRunEndsRunning() throws Exception {
        crashRunAndRecover("afterNetwork");
    }

    @Test
    void killedAfterTheContainerIsCreatedRunEndsRunning() throws Exception {
        crashRunAndRecover("afterContainerCreate");
    }

    @Test
    void killedAfterTheContainerStartedRecoveryAdoptsItAndNeverKillsIt() throws Exception {
        crashRunAndRecover("afterStart");
    }

    @Test
    void killedMidRemoveTheNextPassFinishesTheRemoval() throws Exception {
        service.run(sh("doomed", "sleep 300").build());
        String id = service.describe("doomed").id();
        service.close();

        crashChild("midRemove", "remove", "doomed");
        service = SandboxService.open(layout, new SandboxService.Config(FAST));
        assertEquals(List.of(), service.recovery().failures());
        assertEquals("removing", service.describe("doomed").desired());

        assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
        assertThrows(SandboxNotFoundException.class, () -> service.describe("doomed"));
        assertTrue(Files.notExists(layout.sandboxesDir().resolve(id)));
    }

    @Test
    void killedMidRestartAfterTheRecreateTheRestartStillCounts() throws Exception {
        crashRestartAndRecover("afterContainerCreate");
    }

    @Test
    void killedMidRestartAfterTheStartTheNewInstanceIsAdopted() throws Exception {
        crashRestartAndRecover("afterStart");
    }

    /** The first instance fails; the second (same upper dir, so the marker is there) keeps running. */
    private void crashRestartAndRecover(String point) throws Exception {
        service.run(sh("again", "if [ -f /marker ]; then sleep 300; else touch /marker; exit 1; fi")
                .restart("always").build());
        reconcileUntil("again", c -> c.nextRestartAt().isPresent(), Duration.ofSeconds(10));
        service.close();

        crashChild(point, "reconcile", "again");
        service = SandboxService.open(layout, new SandboxService.Config(FAST));
        assertEquals(List.of(), service.recovery().failures(), service.recovery().done().toString());
        String containerId = service.describe("again").main().id();
        Containers runtime = Containers.open(layout);
        long pidBefore = point.equals("afterStart") ? runtime.state(containerId).pid() : -1;

        ContainerDescription main = reconcileUntil("again", c -> c.state().equals("Running"), Duration.ofSeconds(10));
        assertEquals(2, main.instance(), main.toString());
        assertEquals(1, main.restartCount(), main.toString());
        if (pidBefore > 0) {
            assertEquals(pidBefore, runtime.state(containerId).pid(), "recovery or the reconciler replaced the container");
        }
        service.remove("again", true);
    }

    private void crashRunAndRecover(String point) throws Exception {
        service.close();
        crashChild(point, "run", "crashed");

        service = SandboxService.open(layout, new SandboxService.Config(FAST));
        assertEquals(List.of(), service.recovery().failures(), service.recovery().done().toString());
        SandboxDescription afterRecovery = service.describe("crashed");
        assertEquals("running", afterRecovery.desired());
        String containerId = afterRecovery.main().id();
        Containers runtime = Containers.open(layout);
        long pidBefore = point.equals("afterStart") ? runtime.state(containerId).pid() : -1;
        if (pidBefore > 0) {
            assertEquals("Running", afterRecovery.main().stateWithReason(), "adopted by recovery");
        }

        assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
        ContainerDescription main = reconcileUntil("crashed", c -> c.state().equals("Running"), Duration.ofSeconds(10));
        SandboxDescription d = service.describe("crashed");
        assertTrue(d.ip().isPresent() && d.subnet().isPresent() && d.gateway().isPresent(), d.toString());
        assertEquals(1, main.instance(), main.toString());
        assertEquals(0, main.restartCount(), main.toString());
        assertEquals(ContainerStatus.RUNNING, runtime.state(containerId).status());
        if (pidBefore > 0) {
            assertEquals(pidBefore, runtime.state(containerId).pid(), "recovery or the reconciler replaced the container");
            assertTrue(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false), "killed by recovery");
        }
        assertEquals(List.of(), service.recovery().failures());
        service.remove("crashed", true);
        assertThrows(SandboxNotFoundException.class, () -> service.describe("crashed"));
    }

    /** Runs {@link CrashChild} in a new JVM until it reaches {@code point}, then kills it with SIGKILL. */
    private void crashChild(String point, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-D" + CrashPoint.PROPERTY + "=" + point,
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), layout.root().toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    output.add(line);
                    if (line.equals("crash point " + point)) {
                        break;
                    }
                }
                assertTrue(output.contains("crash point " + point), "the child never reached " + point + ": " + output);
                assertTrue(child.destroyForcibly() != null);
                assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child outlived SIGKILL");
            }
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
