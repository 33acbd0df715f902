package dev.sandpod.sandbox;

import dev.sandpod.testing.TestImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.image.ImageService;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.Cgroups;
import dev.sandpod.state.StateDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

        service.run(sh("done", "exit 0").restart("never").build());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!service.describe("done").main().state().equals("Terminated")) {
            assertTrue(System.nanoTime() < deadline, "the main container did not exit");
            Thread.sleep(20);
        }
        DebugTargetNotRunningException notRunning = assertThrows(DebugTargetNotRunningException.class,
                () -> service.debug(DebugRequest.builder("done").build()));
        assertEquals("main", notRunning.target());
        assertTrue(notRunning.hint().isPresent());
        assertEquals(List.of("main"), service.describe("done").containers().stream().map(ContainerDescription::name).toList());
        service.remove("done", true);
    }

    @Test
    void aDebugContainerEndsWithItsTargetsPidNamespaceAndStaysEndedWhenTheTargetRestarts() throws Exception {
        service.run(sh("flaky", "if [ -f /marker ]; then exec sleep 300; else touch /marker; sleep 2; exit 1; fi")
                .restart("on-failure").build());
        DebugResult debug = service.debug(DebugRequest.builder("flaky").args("/bin/busybox", "sleep", "300").build());
        assertEquals("Running", container("flaky", debug.name()).stateWithReason());

        // the target's first instance exits: the kernel ends every process of its PID namespace, the debug one too
        ContainerDescription main = reconcileUntil("flaky", c -> c.instance() == 2 && c.state().equals("Running"),
                Duration.ofSeconds(15));
        assertEquals(1, main.restartCount());
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
            Thread.sleep(100);
        }
        ContainerDescription after = container("flaky", debug.name());
        assertEquals("Terminated", after.state());
        assertEquals(1, after.instance(), "a debug container is never restarted");
        assertEquals(0, after.restartCount());
        assertEquals(2, service.describe("flaky").main().instance());
        service.remove("flaky", true);
    }

    @Test
    void aDebugContainerCanUseAnotherImageWhoseUseEndsWithIt() throws Exception {
        service.close();
        try (ImageService images = ImageService.open(layout)) {
            TestImages.load(images, tmp, "test/tools:1",
                    new ScratchImageBuilder().layer(TestImages.busyboxLayer()).cmd("/bin/busybox", "sh"));
        }
        service = SandboxService.open(layout, new SandboxService.Config(FAST));
        SandboxDescription d = service.describe(service.run(sh("svc", "exec sleep 300").build()).name());

        DebugResult debug = service.debug(DebugRequest.builder("svc").image("test/tools:1").args("/bin/busybox", "sleep", "300").build());

        ContainerDescription tools = container("svc", debug.name());
        assertEquals("test/tools:1", tools.image());
        assertNotEquals(d.main().imageDigest(), tools.imageDigest());
        assertEquals(List.of(d.main().imageDigest(), tools.imageDigest()).stream().sorted().toList(), imageUsers(d.id()));
        service.removeDebug("svc", debug.name(), true);
        assertEquals(List.of(d.main().imageDigest()), imageUsers(d.id()));
        service.remove("svc", true);
    }

    @Test
    void debugContainersLeftHalfMadeByACrashAreAdoptedWhenRunningAndForgottenOtherwiseNeverStartedAgain() throws Exception {
        service.run(sh("crashy", "exec sleep 300").build());
        DebugResult running = service.debug(DebugRequest.builder("crashy").name("running").args("/bin/busybox", "sleep", "300").build());
        DebugResult exited = service.debug(DebugRequest.builder("crashy").name("exited").args("/bin/sh", "-c", "exit 0").build());
        DebugResult orphan = service.debug(DebugRequest.builder("crashy").name("orphan").args("/bin/busybox", "sleep", "300").build());
        String sandboxId = service.describe("crashy").id();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!container("crashy", "exited").state().equals("Terminated")) {
            assertTrue(System.nanoTime() < deadline, "the debug container did not exit");
            Thread.sleep(20);
        }

        // as if the daemon died after making each container and before recording it; the orphan's intent is
        // gone too (as if its recovery had failed), so only the reconciler sees it
        service.close();
        try (StateDb db = StateDb.open(layout)) {
            db.inTransaction(c -> SandboxStore.update(c, "UPDATE containers SET instance = 0 WHERE id = ?", orphan.id()));
            for (String id : List.of(running.id(), exited.id())) {
                db.inTransaction(c -> SandboxStore.update(c, "UPDATE containers SET instance = 0, started_at = NULL, "
                        + "finished_at = NULL, last_state = NULL WHERE id = ?", id));
                new IntentLog(db, new SandboxStore(db), Clock.systemUTC()).begin(IntentLog.CONTAINER_CREATE, sandboxId,
                        Map.of("container", id, "instance", "1"));
            }
        }
        service = SandboxService.open(layout, new SandboxService.Config(FAST));
        assertEquals(List.of(), service.recovery().failures());
        for (int i = 0; i < 5; i++) {
            assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
            Thread.sleep(60);
        }

        assertEquals(List.of("main", "orphan", "running"), service.describe("crashy").containers().stream()
                .map(ContainerDescription::name).sorted().toList(), "the exited one is forgotten, not started again");
        ContainerDescription adopted = container("crashy", "running");
        assertEquals("Running", adopted.stateWithReason());
        assertEquals(1, adopted.instance());
        assertEquals("Running", container("crashy", "orphan").stateWithReason(), "the reconciler adopts, never kills");
        assertEquals(1, container("crashy", "orphan").instance());
        assertEquals("Running", service.describe("crashy").main().stateWithReason());
        assertEquals(0, service.describe("crashy").main().restartCount());
        service.remove("crashy", true);
    }

    private List<String> imageUsers(String sandboxId) throws Exception {
        try (StateDb db = StateDb.open(layout)) {
            return db.inTransaction(c -> {
                List<String> out = new ArrayList<>();
                try (var st = c.prepareStatement("SELECT manifest_digest FROM image_users WHERE sandbox_id = ? ORDER BY 1")) {
                    st.setString(1, sandboxId);
                    try (var rs = st.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return out;
            });
        }
    }
}
