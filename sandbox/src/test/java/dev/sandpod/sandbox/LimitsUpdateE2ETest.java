package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.Cgroups;
import dev.sandpod.runtime.ContainerSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sandpod update} on real containers: limits in the cgroup, kept across restarts, no device window. */
class LimitsUpdateE2ETest extends RealSandboxTest {
    private static final Cgroups CGROUPS = Cgroups.detect();

    private ContainerSpec.Limits cgroupLimits(String sandbox) throws Exception {
        SandboxDescription d = service.describe(sandbox);
        return CGROUPS.limits(CgroupPaths.forContainer(layout, d.id(), d.main().id()));
    }

    private List<String> log(String sandbox) throws Exception {
        return service.logs(sandbox, -1, false).stream().map(LogLine::text).toList();
    }

    @Test
    void anUpdatedMemoryLimitIsInTheCgroupAndSurvivesARestart() throws Exception {
        // the first instance lives 3 s and exits; restart always brings up a second that stays
        service.run(sh("grower", "if [ -f /marker ]; then exec sleep 300; else touch /marker; sleep 3; fi")
                .restart("always").memory("64Mi").pids("50").build());

        ContainerSpec.Limits after = service.update("grower", LimitsUpdate.NONE.memory("96Mi").cpus("0.25"));

        assertEquals(96L << 20, after.memoryBytes().getAsLong());
        assertEquals(250, after.cpuMillis().getAsLong());
        assertEquals(50, after.pids().getAsLong(), "a limit not given keeps its value");
        assertEquals(96L << 20, cgroupLimits("grower").memoryBytes().getAsLong());
        assertEquals(250, cgroupLimits("grower").cpuMillis().getAsLong());
        assertEquals(after, service.describe("grower").main().limits());
        assertEquals(1, service.describe("grower").main().instance(), "the update restarted nothing");
        assertTrue(reasons(service.describe("grower")).contains("Updated"));

        reconcileUntil("grower", c -> c.instance() == 2 && c.state().equals("Running"), Duration.ofSeconds(15));
        assertEquals(96L << 20, cgroupLimits("grower").memoryBytes().getAsLong(), "the restart kept the new limit");
        assertEquals(250, cgroupLimits("grower").cpuMillis().getAsLong());
        assertEquals(50, cgroupLimits("grower").pids().getAsLong());
        assertEquals(after, service.describe("grower").main().limits());
        service.remove("grower", true);
    }

    @Test
    void anUpdateOfAnExitedMainContainerIsKeptForItsNextInstance() throws Exception {
        service.run(sh("later", "if [ -f /marker ]; then exec sleep 300; else touch /marker; exit 1; fi")
                .restart("on-failure").memory("64Mi").build());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!service.describe("later").main().state().equals("Terminated")) {
            assertTrue(System.nanoTime() < deadline, "the first instance did not exit");
            Thread.sleep(20);
        }

        assertEquals(72L << 20, service.update("later", LimitsUpdate.NONE.memory("72Mi")).memoryBytes().getAsLong());

        reconcileUntil("later", c -> c.instance() == 2 && c.state().equals("Running"), Duration.ofSeconds(15));
        assertEquals(72L << 20, cgroupLimits("later").memoryBytes().getAsLong());
        service.remove("later", true);
    }

    @Test
    void aProcessWritingToDevNullNeverFailsDuring100Updates() throws Exception {
        service.run(sh("writer", "n=0; while :; do echo x > /dev/null || echo DEVNULL-FAILED; n=$((n+1)); "
                + "[ $((n % 500)) -eq 0 ] && echo tick; done").memory("64Mi").cpus("1").pids("100").build());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!log("writer").contains("tick")) {
            assertTrue(System.nanoTime() < deadline, "the loop never ticked: " + log("writer"));
            Thread.sleep(20);
        }
        long ticksBefore = log("writer").stream().filter("tick"::equals).count();

        for (int i = 0; i < 100; i++) {
            boolean odd = i % 2 == 1;
            service.update("writer", LimitsUpdate.NONE.memory(odd ? "64Mi" : "80Mi").cpus(odd ? "1" : "0.8")
                    .pids(odd ? "100" : "120"));
        }

        List<String> text = log("writer");
        assertFalse(text.stream().anyMatch(l -> l.contains("DEVNULL-FAILED") || l.contains("/dev/null")),
                "/dev/null failed during an update: " + text.stream().filter(l -> !l.equals("tick")).toList());
        assertTrue(text.stream().filter("tick"::equals).count() > ticksBefore, "the loop ran during the updates");
        assertEquals("Running", service.describe("writer").main().stateWithReason());
        assertEquals(64L << 20, cgroupLimits("writer").memoryBytes().getAsLong());
        service.remove("writer", true);
    }

    @Test
    void badLimitStringsInAnUpdateAreErrorsNamingTheField() throws Exception {
        service.run(sh("fixed", "exec sleep 300").memory("64Mi").build());

        assertEquals("memory", assertThrows(InvalidRequestException.class,
                () -> service.update("fixed", LimitsUpdate.NONE.memory("64XB"))).field());
        assertEquals("cpus", assertThrows(InvalidRequestException.class,
                () -> service.update("fixed", LimitsUpdate.NONE.cpus("half"))).field());
        assertEquals("pids-limit", assertThrows(InvalidRequestException.class,
                () -> service.update("fixed", LimitsUpdate.NONE.pids("-1"))).field());
        InvalidRequestException nothing = assertThrows(InvalidRequestException.class,
                () -> service.update("fixed", LimitsUpdate.NONE));
        assertEquals("limits", nothing.field());
        assertTrue(nothing.hint().orElseThrow().contains("--memory"), nothing.hint().toString());
        assertThrows(SandboxNotFoundException.class, () -> service.update("ghost", LimitsUpdate.NONE.memory("64Mi")));

        assertEquals(64L << 20, cgroupLimits("fixed").memoryBytes().getAsLong(), "nothing was changed");
        assertEquals(64L << 20, service.describe("fixed").main().limits().memoryBytes().getAsLong());
        service.remove("fixed", true);
    }
}
