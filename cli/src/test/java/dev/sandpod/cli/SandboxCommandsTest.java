package dev.sandpod.cli;

import dev.sandpod.api.DaemonOptions;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.sandbox.BackOff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * run, ps, describe, logs, stop, rm and events as a user types them, against a real daemon in this JVM (reconciling
 * every 100 ms with a short back-off) and real runc, conmon, CNI and cgroups. After each test nothing is left.
 */
class SandboxCommandsTest {
    static final String IMAGE = "test/busybox:1";
    static final DaemonOptions FAST = DaemonOptions.defaults()
            .withReconcile(Duration.ofMillis(100), new BackOff(Duration.ofMillis(100), Duration.ofMillis(400)));

    @TempDir
    Path tmp;
    private SandboxDaemonFixture sandpod;

    static void assumeHost() {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runc and conmon are installed by ./run-tests");
    }

    /** Loads the busybox image through the daemon's API, as `image load` over the socket would. */
    static void loadBusybox(SandpodClient client, Path work) throws Exception {
        Path archive = TestImages.busyboxArchive(work, IMAGE);
        try (InputStream in = Files.newInputStream(archive)) {
            client.loadImages(in);
        }
    }

    @BeforeEach
    void startDaemon() throws Exception {
        sandpod = SandboxDaemonFixture.start(tmp);
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (sandpod != null) {
            sandpod.close();
        }
    }

    /** Runs `describe NAME` until its output matches, or fails with the last output after {@code timeout}. */
    private String describeUntil(String name, Predicate<String> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String out = sandpod.ok("describe", name).out();
        while (!done.test(out)) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting; last describe:\n" + out);
            Thread.sleep(50);
            out = sandpod.ok("describe", name).out();
        }
        return out;
    }

    private static int restartCount(String describe) {
        Matcher m = Pattern.compile("Restart Count:\\s+(\\d+)").matcher(describe);
        assertTrue(m.find(), describe);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aRunningSandboxShowsInPsWithItsIpAndDescribeShowsImageLimitsAndEvents() throws Exception {
        CliRun run = sandpod.ok("run", "--name", "web", "--memory", "64Mi", "--cpus", "0.5", "--pids-limit", "50",
                "-e", "GREETING=hi", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        assertEquals("web\n", run.out());

        String ps = sandpod.ok("ps").out();
        assertTrue(ps.lines().anyMatch(l -> l.startsWith("web ") && l.contains(IMAGE) && l.contains("Running")
                && l.matches(".*\\b\\d+\\.\\d+\\.\\d+\\.\\d+\\b.*")), ps);

        String describe = sandpod.ok("describe", "web").out();
        for (String expected : List.of("Name:", "web", "Image:", IMAGE, "Image ID:", "sha256:", "State:",
                "Running", "memory:", "64.0 MiB", "cpu:", "0.5", "pids:", "50", "Created", "Started")) {
            assertTrue(describe.contains(expected), "no '" + expected + "' in\n" + describe);
        }
        assertTrue(describe.lines().anyMatch(l -> l.matches("IP:\\s+\\d+\\.\\d+\\.\\d+\\.\\d+")), describe);
        assertEquals(0, restartCount(describe));
        String events = sandpod.ok("events", "--since", "1m", "web").out();
        assertTrue(events.contains("Created") && events.contains("Started"), events);
        assertEquals(1, sandpod.ok("events", "--since", "2000-01-01T00:00:00Z").out().lines().filter(l -> l.contains("Started")).count());

        com.fasterxml.jackson.databind.JsonNode json = Json.MAPPER.readTree(sandpod.ok("ps", "--output", "json").out());
        assertEquals("web", json.path(0).path("name").asText());
        assertEquals("Running", json.path(0).path("state").asText());
        assertTrue(json.path(0).path("ip").asText().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), json.toString());
    }

    @Test
    void stopThenRmLeavesNothingAndPsAllShowsTheStoppedOneUntilThen() {
        sandpod.ok("run", "--name", "web", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        assertEquals("web\n", sandpod.ok("stop", "-t", "1", "web").out());
        assertFalse(sandpod.ok("ps").out().contains("web"));
        String all = sandpod.ok("ps", "-a").out();
        assertTrue(all.lines().anyMatch(l -> l.startsWith("web ") && l.contains("Terminated")), all);
        assertEquals("web\n", sandpod.ok("rm", "web").out());
        assertEquals(1, sandpod.ok("ps", "-a").out().lines().count(), "only the header is left");
    }

    @Test
    void logsShowWhatTheContainerPrintedAndFollowEndsWhenItExits() throws Exception {
        sandpod.ok("run", "--name", "hello", IMAGE, "--", "/bin/sh", "-c", "echo hello; echo world");
        describeUntil("hello", d -> d.contains("Terminated: Completed"), Duration.ofSeconds(10));
        assertEquals("hello\nworld\n", sandpod.ok("logs", "hello").out());
        assertEquals("world\n", sandpod.ok("logs", "--tail", "1", "hello").out());
        assertEquals("hello\nworld\n", sandpod.ok("logs", "-f", "hello").out());
    }

    @Test
    void followStreamsLinesAsTheyAreWrittenUntilTheContainerExits() {
        sandpod.ok("run", "--name", "ticker", IMAGE, "--", "/bin/sh", "-c", "for i in 1 2 3; do echo tick $i; sleep 0.3; done");
        assertEquals("tick 1\ntick 2\ntick 3\n", sandpod.ok("logs", "-f", "ticker").out());
    }

    @Test
    void aCrashingContainerWaitsInCrashLoopBackOffWithAGrowingRestartCount() throws Exception {
        sandpod.ok("run", "--name", "crash", "--restart", "always", IMAGE, "--", "/bin/sh", "-c", "echo boom; exit 3");
        String first = describeUntil("crash", d -> d.contains("Waiting: CrashLoopBackOff") && restartCount(d) >= 1,
                Duration.ofSeconds(15));
        int seen = restartCount(first);
        String later = describeUntil("crash", d -> d.contains("Waiting: CrashLoopBackOff") && restartCount(d) > seen,
                Duration.ofSeconds(15));
        assertTrue(later.lines().anyMatch(l -> l.matches("\\s+Exit Code:\\s+3")), later);
        assertTrue(later.contains("BackOff"), later);
        assertTrue(sandpod.ok("logs", "--previous", "crash").out().contains("boom"));
    }

    @Test
    void runtimeRunscRunsUnderGvisorAndAnUnknownRuntimeIsRefused() throws Exception {
        assumeTrue(Files.isExecutable(java.nio.file.Path.of("/usr/bin/runsc")), "runsc is installed by ./run-tests");
        sandpod.ok("run", "--name", "gv", "--runtime", "runsc", IMAGE, "--", "/bin/sh", "-c", "dmesg | head -1");
        describeUntil("gv", d -> d.contains("Terminated: Completed"), Duration.ofSeconds(15));
        assertTrue(sandpod.ok("logs", "gv").out().contains("gVisor"), sandpod.ok("logs", "gv").out());
        sandpod.ok("rm", "gv");
        CliRun kata = sandpod.cli("run", "--name", "kata", "--runtime", "kata", IMAGE);
        assertEquals(1, kata.exitCode(), kata.toString());
        assertTrue(kata.err().startsWith("error: runtime: unknown runtime 'kata'"), kata.toString());
        assertTrue(kata.err().contains("hint: ") && kata.err().contains("runsc"), kata.toString());
    }

    @Test
    void rmAllRemovesEverySandbox() {
        sandpod.ok("run", "--name", "one", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        sandpod.ok("run", "--name", "two", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        CliRun running = sandpod.cli("rm", "--all");
        assertEquals(1, running.exitCode(), "running sandboxes need -f: " + running);
        assertTrue(running.err().contains("hint:"), running.toString());
        CliRun rm = sandpod.ok("rm", "-f", "--all");
        assertEquals(Set.of("one", "two"), Set.copyOf(rm.out().lines().toList()));
        assertEquals(1, sandpod.ok("ps", "-a").out().lines().count());
    }

    @Test
    void badRequestsFailWithAnErrorAndAHintAndMakeNothing() {
        sandpod.ok("run", "--name", "taken", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        CliRun again = sandpod.cli("run", "--name", "taken", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().startsWith("error: the name taken is already in use"), again.toString());
        assertTrue(again.err().contains("hint: "), again.toString());

        CliRun memory = sandpod.cli("run", "--memory", "64XB", IMAGE);
        assertEquals(1, memory.exitCode(), memory.toString());
        assertTrue(memory.err().startsWith("error: memory: "), memory.toString());
        assertTrue(memory.err().contains("hint: "), memory.toString());

        CliRun unknown = sandpod.cli("describe", "nope");
        assertEquals(1, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("no sandbox named nope"), unknown.toString());
        assertTrue(unknown.err().contains("hint: "), unknown.toString());
        assertEquals(1, sandpod.cli("logs", "nope").exitCode());
        assertEquals(1, sandpod.cli("stop", "nope").exitCode());
        assertEquals(1, sandpod.cli("rm", "nope").exitCode());

        assertEquals(2, sandpod.cli("rm").exitCode(), "neither names nor --all is a usage error");
        assertEquals(2, sandpod.cli("rm", "--all", "taken").exitCode());
        assertEquals(2, sandpod.cli("run").exitCode());
        String ps = sandpod.ok("ps", "-a").out();
        assertEquals(2, ps.lines().count(), "only 'taken' is there:\n" + ps);
    }

    @Test
    void anImageThatCanNotBePulledIsA502WithTheRegistrysReasonAndItsEventsStayUnderTheName() throws Exception {
        try (FakeRegistry registry = new FakeRegistry()) {
            String image = registry.host() + "/nothing/here:1";
            CliRun run = sandpod.cli("run", "--name", "ghost", image);
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().startsWith("error: can't pull image " + image), run.toString());
            assertTrue(run.err().contains("hint: "), run.toString());
            String events = sandpod.ok("events", "ghost").out();
            assertTrue(events.contains("Pulling") && events.contains("ErrImagePull"), events);

            ApiException e = assertThrows(ApiException.class, () -> SandpodClient.connect(sandpod.layout().daemonSocket())
                    .runSandbox(RunSandboxRequest.of(image)));
            assertEquals(502, e.status());
            assertEquals("ImagePullFailed", e.code());
            assertEquals(image, e.details().get("image"));
        }
        assertEquals(1, sandpod.ok("ps", "-a").out().lines().count(), "nothing was made");
    }

    @Test
    void runSecretPullsAPrivateImageAndWithoutItThePullFailsUnauthorizedMakingNothing() throws Exception {
        assumeTrue(dev.sandpod.image.registry.local.LocalRegistry.available(), "needs docker-registry");
        try (var registry = dev.sandpod.image.registry.local.LocalRegistry.withBasicAuth("alice", "run-pw")) {
            String image = registry.host() + "/team/busybox:run";
            Roots.pushBusybox(tmp, image, registry.host(), "alice", "run-pw");

            CliRun denied = sandpod.cli("run", "--name", "denied", image, "--", "/bin/true");
            assertEquals(1, denied.exitCode(), denied.toString());
            assertTrue(denied.err().startsWith("error: can't pull image " + image), denied.toString());
            assertTrue(denied.err().toLowerCase().contains("unauthorized"), denied.toString());
            assertTrue(sandpod.ok("events", "denied").out().contains("ErrImagePull"));
            assertEquals(1, sandpod.ok("ps", "-a").out().lines().count(), "nothing was made");

            Roots.secret(sandpod.root(), "reg", registry.host(), "alice", "run-pw");
            sandpod.ok("run", "--name", "private", "--secret", "reg", "-u", "4321:4322", image, "--", "/bin/sh", "-c", "id -u; id -g; sleep 1000");
            String logs = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!logs.contains("4322") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                logs = sandpod.ok("logs", "private").out();
            }
            assertEquals("4321\n4322", logs.strip(), "-u uid:gid needs no passwd entry");
            CliRun ghost = sandpod.cli("run", "--name", "ghost", "-u", "nobodyhere", image);
            assertEquals(1, ghost.exitCode(), ghost.toString());
            assertTrue(ghost.err().contains("unable to find user nobodyhere") && ghost.err().contains(image), ghost.toString());
            assertEquals(2, sandpod.ok("ps", "-a").out().lines().count(), "only private was made");
        }
    }

    @Test
    void aFollowingClientThatGoesAwayEndsTheDaemonsFollowOfARunningContainer() throws Exception {
        sandpod.ok("run", "--name", "quiet", IMAGE, "--", "/bin/sh", "-c", "echo started; sleep 1000");
        describeUntil("quiet", d -> d.contains("State:          Running"), Duration.ofSeconds(10));
        var http = new dev.sandpod.client.http.UnixHttp(sandpod.layout().daemonSocket());
        try (var response = http.send("GET", "/v1/sandboxes/quiet/logs?follow=true", java.util.Map.of(), java.util.Optional.empty())) {
            assertEquals(200, response.status());
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(response.body()));
            assertTrue(lines.readLine().contains("started"));
            // The first line may be sent before the daemon enters its follow loop: wait for it, bounded.
            long entered = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!following() && System.nanoTime() < entered) {
                Thread.sleep(20);
            }
            assertTrue(following(), "the daemon follows the log while the client reads");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (following()) {
            assertTrue(System.nanoTime() < deadline, "the daemon still follows the log of a client that has gone");
            Thread.sleep(50);
        }
    }

    /** Whether a thread of the in-process daemon is in a log follow. */
    private static boolean following() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> java.util.Arrays.stream(stack)
                .anyMatch(f -> f.getClassName().endsWith("SandboxLogsStream") && f.getMethodName().equals("follow")));
    }
}
