package dev.sandpod.sandbox;

import dev.sandpod.testing.HostLeaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.image.registry.local.LocalRegistry;
import dev.sandpod.net.IpCommand;
import dev.sandpod.net.Ipv4Cidr;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.state.StateDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Real sandboxes as root: runc under conmon, pinned netns with CNI bridge + host-local, overlayfs, cgroups. Each
 * test has its own root; after each, nothing it made may be left on the host.
 */
class SandboxE2ETest extends RealSandboxTest {
    @Test
    void aSleepingSandboxRunsWithAnIpInItsSubnetAndRemoveTakesEverything() throws Exception {
        RunResult made = service.run(sh("sleeper", "sleep 300").memory("64Mi").cpus("0.5").pids("50").build());

        SandboxDescription d = service.describe("sleeper");
        assertEquals(made.id(), d.id());
        assertTrue(d.id().matches("[0-9a-f]{12}"), d.id());
        ContainerDescription main = d.main();
        assertEquals("Running", main.stateWithReason());
        assertEquals(1, main.instance());
        assertEquals(0, main.restartCount());
        assertTrue(main.startedAt().isPresent());
        assertTrue(main.imageDigest().startsWith("sha256:"), main.imageDigest());
        assertEquals(IMAGE, main.image());
        assertEquals(64L << 20, main.limits().memoryBytes().getAsLong());
        assertEquals(500, main.limits().cpuMillis().getAsLong());
        assertEquals(50, main.limits().pids().getAsLong());
        assertEquals(made.ip(), d.ip().orElseThrow());
        assertTrue(Ipv4Cidr.parse(d.subnet().orElseThrow()).contains(made.ip()), made.ip() + " in " + d.subnet());
        assertTrue(reasons(d).contains("Started"), d.events().toString());
        assertEquals(List.of("sleeper"), service.list().stream().map(SandboxDescription::name).toList());
        Path hosts = PodSetup.filesDir(layout, d.id(), "default").resolve("hosts");
        assertTrue(Files.readString(hosts).contains(made.ip() + "\tsleeper"), Files.readString(hosts));
        assertEquals(List.of(main.imageDigest()), imageUsers(d.id()));

        SandboxStateException running = assertThrows(SandboxStateException.class, () -> service.remove("sleeper", false));
        assertTrue(running.hint().orElseThrow().contains("--force"), running.hint().toString());
        service.remove("sleeper", true);
        assertThrows(SandboxNotFoundException.class, () -> service.describe("sleeper"));
        assertEquals(List.of(), imageUsers(d.id()));
    }

    private List<String> imageUsers(String sandboxId) throws Exception {
        try (StateDb db = StateDb.open(layout)) {
            return db.inTransaction(c -> {
                List<String> out = new ArrayList<>();
                try (var s = c.prepareStatement("SELECT manifest_digest FROM image_users WHERE sandbox_id = ?")) {
                    s.setString(1, sandboxId);
                    try (var rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString(1));
                        }
                    }
                }
                return out;
            });
        }
    }

    @Test
    void hostsEditsAndTheWritableLayerSurviveARestart() throws Exception {
        // First instance: edits /etc/hosts, writes a file to its writable layer, exits 0; restart always brings
        // up a second instance that shows what it finds.
        service.run(sh("keeper", "if [ -f /marker ]; then cat /etc/hosts /marker; sleep 300; "
                + "else echo 10.9.9.9 extra >> /etc/hosts; echo kept > /marker; fi").restart("always").build());

        ContainerDescription main = reconcileUntil("keeper", c -> c.instance() == 2 && c.state().equals("Running"),
                Duration.ofSeconds(15));
        assertEquals(1, main.restartCount());
        assertEquals("Completed", main.lastReason().orElseThrow());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> text = List.of();
        while (System.nanoTime() < deadline && !text.contains("kept")) {
            text = service.logs("keeper", -1, false).stream().map(LogLine::text).toList();
            Thread.sleep(20);
        }
        assertTrue(text.contains("10.9.9.9 extra"), "the /etc/hosts edit is gone after the restart: " + text);
        assertTrue(text.contains("kept"), "the writable layer is gone after the restart: " + text);
        assertEquals(List.of(), service.logs("keeper", -1, true), "the first instance printed nothing");
        assertTrue(reasons(service.describe("keeper")).contains("BackOff"));
        service.stop("keeper", Duration.ofMillis(200));
        assertEquals("Terminated", service.describe("keeper").main().state());
        assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
        assertEquals("Terminated", service.describe("keeper").main().state(), "a stopped sandbox is not restarted");
        service.remove("keeper", false);
    }

    @Test
    void aCrashingContainerReachesCrashLoopBackOffWithAGrowingRestartCount() throws Exception {
        service.run(sh("crasher", "exit 1").restart("always").build());
        List<Integer> counts = new ArrayList<>();
        ContainerDescription main = reconcileUntil("crasher", c -> {
            if (c.reason().orElse("").equals("CrashLoopBackOff")) {
                counts.add(c.restartCount());
            }
            return c.restartCount() >= 3 && c.reason().orElse("").equals("CrashLoopBackOff");
        }, Duration.ofSeconds(20));
        assertEquals("Waiting: CrashLoopBackOff", main.stateWithReason());
        assertEquals(OptionalInt.of(1), main.exitCode());
        assertEquals("Error", main.lastReason().orElseThrow());
        assertTrue(main.nextRestartAt().isPresent());
        assertTrue(counts.getFirst() < counts.getLast(), "restart count grows: " + counts);
        assertTrue(reasons(service.describe("crasher")).contains("BackOff"));
        service.remove("crasher", false);
    }

    @Test
    void aContainerOverItsMemoryLimitIsTerminatedOomKilled() throws Exception {
        service.run(sh("hog", "x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done").memory("16Mi").build());
        ContainerDescription main = reconcileUntil("hog", c -> c.state().equals("Terminated"), Duration.ofSeconds(20));
        assertEquals("Terminated: OOMKilled", main.stateWithReason());
        assertEquals(0, main.restartCount(), "restart never");
        // describe reads the runtime now; the event comes from the controller's next pass
        assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
        assertTrue(reasons(service.describe("hog")).contains("OOMKilled"), service.describe("hog").events().toString());
        service.remove("hog", false);
    }

    @Test
    void aNameInUseIsRefusedAndNothingMoreIsMade() throws Exception {
        service.run(sh("dup", "sleep 300").build());
        NameInUseException e = assertThrows(NameInUseException.class, () -> service.run(sh("dup", "sleep 1").build()));
        assertEquals("dup", e.name());
        assertTrue(e.hint().orElseThrow().contains("--name"));
        assertEquals(1, service.list().size());
        assertEquals(1, HostLeaks.entriesUnder(layout.runtimeDir().resolve("netns")).size(), "one pin only");
        service.remove("dup", true);
    }

    @Test
    void aBadMemoryLimitIsAnErrorNamingTheField() throws Exception {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> service.run(sh("bad", "true").memory("64XB").build()));
        assertEquals("memory", e.field());
        assertTrue(e.getMessage().startsWith("memory: '64XB'"), e.getMessage());
        assertEquals(List.of(), service.list());
    }

    @Test
    void anUnknownImageGivesErrImagePullWithTheRegistrysReasonAndLeavesNothing() throws Exception {
        assumeTrue(LocalRegistry.available(), "docker-registry is installed by ./run-tests");
        try (LocalRegistry registry = LocalRegistry.start()) {
            String image = registry.host() + "/no/such:1";
            ImagePullException e = assertThrows(ImagePullException.class,
                    () -> service.run(RunRequest.builder(image).name("ghost").build()));
            assertEquals(image, e.image());
            assertTrue(e.reason().toLowerCase().contains("unknown") || e.reason().toLowerCase().contains("not found"),
                    e.reason());
            List<Event> events = service.events("ghost");
            assertEquals(List.of("Pulling", "ErrImagePull"), events.stream().map(Event::reason).toList());
            assertTrue(events.getLast().message().startsWith("ErrImagePull: "), events.getLast().message());
            assertTrue(events.getLast().message().contains(e.reason()), events.getLast().message());
            assertEquals(List.of(), service.list());
        }
    }

    @Test
    void aPodNetworkLeftPendingByACrashIsTornDownWhenTheServiceOpens() throws Exception {
        service.close();
        String orphan = SandboxRun.newId();
        try (StateDb db = StateDb.open(layout)) {
            IntentLog intents = new IntentLog(db, new SandboxStore(db), Clock.systemUTC());
            intents.begin(IntentLog.POD_NETWORK, orphan, Map.of("service", "default"));
            PodNetwork.onThisHost().setUp(layout, orphan, "default");
            // the "crash": the intent is never finished, the network never recorded
        }
        assertEquals(1, HostLeaks.entriesUnder(layout.runtimeDir().resolve("netns")).size());

        service = SandboxService.open(layout, new SandboxService.Config(FAST));

        assertEquals(List.of(), service.recovery().failures());
        assertEquals(1, service.recovery().done().size());
        assertTrue(service.recovery().done().getFirst().endsWith("not recorded, torn down"), service.recovery().done().toString());
        assertFalse(SubnetAllocator.machineWide(new IpCommand()).find(layout.root(), orphan).isPresent());
        // and nothing is pending any more: a second open does nothing
        service.close();
        service = SandboxService.open(layout, new SandboxService.Config(FAST));
        assertEquals(List.of(), service.recovery().done());
    }

    @Test
    void aCommandThatCannotStartFailsTheRunAndUndoesEverything() throws Exception {
        SandboxSetupException e = assertThrows(SandboxSetupException.class,
                () -> service.run(RunRequest.builder(IMAGE).name("nocmd").args("/no/such/cmd").build()));
        assertEquals("container create", e.step());
        assertTrue(e.getMessage().contains("/no/such/cmd"), e.getMessage());
        assertEquals(List.of(), service.list());
        assertEquals(List.of("Failed"), service.events("nocmd").stream().map(Event::reason).toList());
    }

    /** Rewrites rows and logs an intent as a daemon killed at that point would have left them. */
    private void crashState(String sql, String containerId, String sandboxId) throws Exception {
        service.close();
        try (StateDb db = StateDb.open(layout)) {
            db.inTransaction(c -> SandboxStore.update(c, sql, containerId));
            new IntentLog(db, new SandboxStore(db), Clock.systemUTC()).begin(IntentLog.CONTAINER_CREATE, sandboxId,
                    Map.of("container", containerId, "instance", "1"));
        }
        service = SandboxService.open(layout, new SandboxService.Config(FAST));
    }

    @Test
    void recoveryAdoptsARunningContainerThatWasNeverRecordedAndNeverKillsIt() throws Exception {
        service.run(sh("adopted", "sleep 300").build());
        ContainerDescription before = service.describe("adopted").main();
        crashState("UPDATE containers SET instance = 0, started_at = NULL WHERE id = ?", before.id(),
                service.describe("adopted").id());

        assertEquals(List.of(), service.recovery().failures());
        assertTrue(service.recovery().done().getFirst().contains("running, adopted as instance 1"),
                service.recovery().done().toString());
        assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
        ContainerDescription after = service.describe("adopted").main();
        assertEquals("Running", after.stateWithReason());
        assertEquals(1, after.instance(), "the same instance, not a new one");
        assertEquals(0, after.restartCount());
        service.remove("adopted", true);
    }

    @Test
    void aContainerCreatedButNotRecordedIsDeletedOnOpenAndTheReconcilerMakesItAgain() throws Exception {
        service.run(sh("phoenix", "sleep 300").build());
        SandboxDescription d = service.describe("phoenix");
        service.stop("phoenix", Duration.ZERO);
        // as if the daemon died between runc create and recording it, with the sandbox still meant to run
        crashState("UPDATE containers SET instance = 0, started_at = NULL, finished_at = NULL WHERE id = ?",
                d.main().id(), d.id());
        try (StateDb db = StateDb.open(layout)) {
            db.inTransaction(c -> SandboxStore.update(c, "UPDATE sandboxes SET desired = 'RUNNING' WHERE id = ?", d.id()));
        }

        assertTrue(service.recovery().done().getFirst().endsWith("not running, deleted"), service.recovery().done().toString());
        assertFalse(Files.exists(ContainerPaths.runcRoot(layout).resolve(d.main().id())), "runc state is gone");
        assertEquals("Waiting: ContainerCreating", service.describe("phoenix").main().stateWithReason());

        ContainerDescription main = reconcileUntil("phoenix", c -> c.state().equals("Running"), Duration.ofSeconds(10));
        assertEquals(1, main.instance());
        service.remove("phoenix", true);
    }

    @Test
    void aRemovalInterruptedByACrashIsFinishedByTheNextReconcilePass() throws Exception {
        RunResult made = service.run(sh("halfgone", "sleep 300").build());
        // remove writes REMOVING before it acts: a daemon killed right after leaves just that
        try (StateDb db = StateDb.open(layout)) {
            db.inTransaction(c -> SandboxStore.update(c, "UPDATE sandboxes SET desired = 'REMOVING' WHERE id = ?", made.id()));
        }
        assertEquals(List.of(), service.reconciler().reconcileOnce(Instant.now()));
        assertEquals(List.of(), service.list());
    }
}
