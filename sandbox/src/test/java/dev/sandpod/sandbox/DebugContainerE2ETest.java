package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.Cgroups;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Debug containers in real pods: what they see, their own limits, and that they never disturb the main container. */
class DebugContainerE2ETest extends RealSandboxTest {
    private static final Cgroups CGROUPS = Cgroups.detect();

    private ContainerDescription container(String sandbox, String name) throws Exception {
        return service.describe(sandbox).containers().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** Waits until the container's log has a line matching {@code done}; returns all its lines. */
    private List<String> logsUntil(String sandbox, String container, Predicate<List<String>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> text = List.of();
        while (!done.test(text)) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting; log so far " + text);
            Thread.sleep(20);
            text = service.logs(sandbox, container, -1, false).stream().map(LogLine::text).toList();
        }
        return text;
    }

    private String cgroup(String sandboxId, String containerId) {
        return CgroupPaths.forContainer(layout, sandboxId, containerId);
    }

    @Test
    void aDebugContainerSeesItsTargetsProcessesFilesAndPodNetworkInItsOwnLimitedCgroup() throws Exception {
        RunResult made = service.run(sh("web", "echo secret-of-main > /marker; exec sleep 300").memory("64Mi").build());

        DebugResult debug = service.debug(DebugRequest.builder("web").target("main").memory("32Mi").pids("20")
                .args("/bin/sh", "-c", "until [ -f /proc/1/root/marker ]; do sleep 0.05; done; ps; "
                        + "cat /proc/1/root/marker; cat /proc/net/fib_trie; echo debug-done; exec sleep 300")
                .build());

        assertEquals("main", debug.target());
        List<String> log = logsUntil("web", debug.name(), l -> l.contains("debug-done"));
        assertTrue(log.stream().anyMatch(l -> l.matches("\\s*1 .*sleep 300")), "ps shows the target's sleep: " + log);
        assertTrue(log.contains("secret-of-main"), "the target's file through /proc/1/root: " + log);
        assertTrue(log.stream().anyMatch(l -> l.contains(made.ip())), "the pod's IP in its netns: " + log);

        ContainerDescription d = container("web", debug.name());
        assertEquals("debug", d.kind());
        assertEquals("Running", d.stateWithReason());
        assertEquals(32L << 20, d.limits().memoryBytes().getAsLong());
        assertEquals(32L << 20, CGROUPS.limits(cgroup(made.id(), debug.id())).memoryBytes().getAsLong());
        assertEquals(20, CGROUPS.limits(cgroup(made.id(), debug.id())).pids().getAsLong());
        String mainId = service.describe("web").main().id();
        assertEquals(64L << 20, CGROUPS.limits(cgroup(made.id(), mainId)).memoryBytes().getAsLong());
        assertNotEquals(cgroup(made.id(), mainId), cgroup(made.id(), debug.id()));

        service.stopDebug("web", debug.name(), Duration.ofMillis(200));
        assertEquals("Terminated", container("web", debug.name()).state());
        assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
        ContainerDescription main = service.describe("web").main();
        assertEquals("Running", main.stateWithReason());
        assertEquals(0, main.restartCount());
        assertEquals(1, main.instance());

        service.removeDebug("web", debug.name(), false);
        assertEquals(List.of("main"), service.describe("web").containers().stream().map(ContainerDescription::name).toList());
        assertFalse(CGROUPS.exists(cgroup(made.id(), debug.id())), "the debug container's cgroup is removed");
        assertThrows(SandboxContainerNotFoundException.class, () -> service.logs("web", debug.name(), -1, false));
        main = service.describe("web").main();
        assertEquals("Running", main.stateWithReason());
        assertEquals(0, main.restartCount());
        assertEquals(1, main.instance());
        service.remove("web", true);
    }

    @Test
    void aDebugContainerThatExitsIsNeverRestartedAndRemovingTheSandboxRemovesRunningOnes() throws Exception {
        service.run(sh("app", "exec sleep 300").restart("always").build());
        DebugResult exits = service.debug(DebugRequest.builder("app").name("quitter").args("/bin/sh", "-c", "exit 3").build());
        DebugResult stays = service.debug(DebugRequest.builder("app").args("/bin/busybox", "sleep", "300").build());
        assertTrue(stays.name().startsWith("debug-"), stays.name());

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!container("app", "quitter").state().equals("Terminated")) {
            assertTrue(System.nanoTime() < deadline, "the debug container did not exit: " + container("app", "quitter"));
            assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
            Thread.sleep(20);
        }
        // several back-off periods (100 ms here) pass: a main container with restart always would be back by now
        for (int i = 0; i < 10; i++) {
            assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
            Thread.sleep(60);
        }
        ContainerDescription quitter = container("app", "quitter");
        assertEquals("Terminated: Error", quitter.stateWithReason());
        assertEquals(3, quitter.exitCode().getAsInt());
        assertEquals(1, quitter.instance());
        assertEquals(0, quitter.restartCount());
        assertFalse(service.describe("app").events().stream()
                .anyMatch(e -> e.object().endsWith("/quitter") && e.reason().equals("BackOff")));
        assertEquals("Running", container("app", stays.name()).stateWithReason());
        ContainerDescription main = service.describe("app").main();
        assertEquals("Running", main.stateWithReason());
        assertEquals(0, main.restartCount());

        service.remove("app", true);
        assertThrows(SandboxNotFoundException.class, () -> service.describe("app"));
        // the leak check after each test proves the debug containers' processes, cgroups and files are gone
    }

    @Test
    void badDebugRequestsAreRefusedNamingWhatIsWrongAndMakeNothing() throws Exception {
        service.run(sh("box", "exec sleep 300").build());

        InvalidRequestException memory = assertThrows(InvalidRequestException.class,
                () -> service.debug(DebugRequest.builder("box").memory("64XB").build()));
        assertEquals("memory", memory.field());
        assertEquals("cpus", assertThrows(InvalidRequestException.class,
                () -> service.debug(DebugRequest.builder("box").cpus("lots").build())).field());
        SandboxContainerNotFoundException target = assertThrows(SandboxContainerNotFoundException.class,
                () -> service.debug(DebugRequest.builder("box").target("nope").build()));
        assertTrue(target.hint().orElseThrow().contains("main"), target.hint().toString());
        assertThrows(SandboxNotFoundException.class, () -> service.debug(DebugRequest.builder("ghost").build()));
        assertEquals("container", assertThrows(InvalidRequestException.class,
                () -> service.stopDebug("box", "main", Duration.ZERO)).field());
        assertEquals("container", assertThrows(InvalidRequestException.class,
                () -> service.removeDebug("box", "main", true)).field());

        assertEquals(List.of("main"), service.describe("box").containers().stream().map(ContainerDescription::name).toList());
        assertEquals("Running", service.describe("box").main().stateWithReason());
        service.remove("box", true);
    }
}
