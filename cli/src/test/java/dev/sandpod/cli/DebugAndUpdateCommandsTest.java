package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.ContainerInfo;
import dev.sandpod.client.model.SandboxDetails;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.Cgroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * debug, debug stop, debug rm, logs --container and update as a user types them, against a real daemon in this JVM
 * and real runc, conmon, CNI and cgroups (the fixture of {@link SandboxCommandsTest}). After each test nothing is left.
 */
class DebugAndUpdateCommandsTest {
    static final String IMAGE = SandboxCommandsTest.IMAGE;
    private static final Cgroups CGROUPS = Cgroups.detect();

    @TempDir
    Path tmp;
    private SandboxDaemonFixture sandpod;

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

    private CliRun fails(String... args) {
        CliRun run = sandpod.cli(args);
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: "), run.toString());
        assertTrue(run.err().contains("hint: "), run.toString());
        return run;
    }

    private String until(Predicate<String> done, Duration timeout, String... args) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String out = sandpod.ok(args).out();
        while (!done.test(out)) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting; last output of " + List.of(args) + ":\n" + out);
            Thread.sleep(50);
            out = sandpod.ok(args).out();
        }
        return out;
    }

    private long cgroupMemory(String sandbox, String container) throws Exception {
        SandboxDetails d = sandpod.client().describeSandbox(sandbox);
        ContainerInfo c = d.containers().stream().filter(x -> x.name().equals(container)).findFirst().orElseThrow();
        return CGROUPS.limits(CgroupPaths.forContainer(sandpod.layout(), d.id(), c.id())).memoryBytes().getAsLong();
    }

    /** The block of describe's output about one container: from its "  NAME:" line to the next container or Events. */
    private static String section(String describe, String container) {
        int from = describe.indexOf("\n  " + container + ":\n");
        assertTrue(from >= 0, "no container " + container + " in\n" + describe);
        Matcher next = Pattern.compile("\n(  [a-z0-9-]+:\n|Events)").matcher(describe);
        int to = next.find(from + 1) ? next.start() : describe.length();
        return describe.substring(from, to);
    }

    private static int restartCount(String section) {
        Matcher m = Pattern.compile("Restart Count:\\s+(\\d+)").matcher(section);
        assertTrue(m.find(), section);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aDebugContainerSeesItsTargetsProcessesHasItsOwnLimitsAndGoesWithoutDisturbingTheMainContainer() throws Exception {
        sandpod.ok("run", "--name", "web", "--memory", "64Mi", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        CliRun debug = sandpod.ok("debug", "web", "--name", "dbg", "--memory", "32Mi", "--pids-limit", "20", "--target", "main",
                "--", "/bin/sh", "-c", "ps; sleep 1000");
        assertEquals("dbg\n", debug.out());

        String logs = until(l -> l.contains("sleep 1000") && l.contains("PID"), Duration.ofSeconds(10),
                "logs", "--container", "dbg", "web");
        assertTrue(logs.lines().anyMatch(l -> l.contains("sleep 1000") && !l.contains("ps;")),
                "ps in the debug container lists the target's sleep:\n" + logs);
        assertEquals(32L << 20, cgroupMemory("web", "dbg"));
        assertEquals(64L << 20, cgroupMemory("web", "main"), "the main container keeps its own limit");

        String describe = sandpod.ok("describe", "web").out();
        String dbg = section(describe, "dbg");
        assertTrue(dbg.contains("Kind:") && dbg.contains("debug") && dbg.contains("Running") && dbg.contains("32.0 MiB"),
                describe);

        CliRun running = fails("debug", "rm", "web", "dbg");
        assertTrue(running.err().contains("is running"), running.toString());
        assertEquals("dbg\n", sandpod.ok("debug", "stop", "-t", "0", "web", "dbg").out());
        assertTrue(section(sandpod.ok("describe", "web").out(), "dbg").contains("Terminated"));
        assertEquals("dbg\n", sandpod.ok("debug", "rm", "web", "dbg").out());

        // a second one removed while it runs, with -f
        assertEquals("dbg2\n", sandpod.ok("debug", "--name", "dbg2", "web", "--", "/bin/sh", "-c", "sleep 1000").out());
        assertEquals("dbg2\n", sandpod.ok("debug", "rm", "-f", "web", "dbg2").out());

        String after = sandpod.ok("describe", "web").out();
        assertFalse(after.substring(0, after.indexOf("Events:")).contains("dbg"), "no debug container is listed:\n" + after);
        assertTrue(after.contains("Removed debug container dbg2"), after);
        String main = section(after, "main");
        assertTrue(main.contains("Running"), after);
        assertEquals(0, restartCount(main), after);
        assertTrue(sandpod.ok("logs", "--container", "main", "web").out().isEmpty(), "the main container printed nothing");
    }

    @Test
    void aDebugContainerRunsAsTheUserGivenWithDashU() throws Exception {
        sandpod.ok("run", "--name", "web", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        assertEquals("dbg\n", sandpod.ok("debug", "web", "--name", "dbg", "-u", "1234:4321", "--",
                "/bin/sh", "-c", "id -u; id -g; sleep 1000").out());
        String logs = until(l -> l.contains("4321"), Duration.ofSeconds(10), "logs", "--container", "dbg", "web");
        assertEquals(List.of("1234", "4321"), logs.lines().toList());
        CliRun unknown = fails("debug", "web", "-u", "mallory", "--", "true");
        assertTrue(unknown.err().contains("mallory"), unknown.toString());
    }

    @Test
    void updateChangesTheLimitsInForceAndBadRequestsExit1NamingTheFieldOrTheContainersThereAre() throws Exception {
        sandpod.ok("run", "--name", "web", "--memory", "64Mi", IMAGE, "--", "/bin/sh", "-c", "sleep 1000");
        CliRun update = sandpod.ok("update", "web", "--memory", "96Mi", "--pids-limit", "40");
        assertTrue(update.out().contains("memory: 96.0 MiB") && update.out().contains("pids:   40"), update.toString());
        String describe = sandpod.ok("describe", "web").out();
        assertTrue(describe.contains("96.0 MiB") && describe.lines().anyMatch(l -> l.matches("\\s+pids:\\s+40")), describe);
        assertEquals(96L << 20, cgroupMemory("web", "main"));

        CliRun badUpdate = fails("update", "web", "--memory", "64XB");
        assertTrue(badUpdate.err().startsWith("error: memory: "), badUpdate.toString());
        CliRun badDebug = fails("debug", "web", "--memory", "64XB");
        assertTrue(badDebug.err().startsWith("error: memory: "), badDebug.toString());
        assertTrue(fails("update", "web", "--cpus", "lots").err().startsWith("error: cpus: "));
        assertEquals(2, sandpod.cli("update", "web").exitCode(), "an update with no limit is a usage error");
        assertEquals(2, sandpod.cli("debug").exitCode(), "debug needs a sandbox");
        assertEquals(2, sandpod.cli("debug", "rm", "web").exitCode(), "debug rm needs a container");

        CliRun logs = fails("logs", "--container", "nope", "web");
        assertTrue(logs.err().contains("sandbox web has no container nope"), logs.toString());
        assertTrue(logs.err().contains("hint: its containers are: main"), logs.toString());
        fails("debug", "web", "--target", "nope");
        fails("debug", "rm", "web", "nope");
        fails("debug", "stop", "web", "nope");
        fails("debug", "rm", "nowhere", "dbg");
        ApiException e = assertThrows(ApiException.class, () -> sandpod.client().sandboxLogs("web", Optional.of("nope"), -1,
                false, false, line -> { }));
        assertEquals(404, e.status());
        assertEquals("SandboxContainerNotFound", e.code());

        CliRun main = fails("debug", "stop", "web", "main");
        assertTrue(main.err().contains("is the main container"), main.toString());
        assertTrue(fails("debug", "rm", "-f", "web", "main").err().contains("sandpod rm web"));

        String after = sandpod.ok("describe", "web").out();
        assertTrue(section(after, "main").contains("Running"), after);
        assertEquals(0, restartCount(section(after, "main")));
        assertEquals(96L << 20, cgroupMemory("web", "main"), "nothing of the refused requests changed it");
    }
}
