package dev.sandpod.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both cgroup versions against a directory tree shaped like cgroupfs. */
class CgroupsTest {
    private static final String PATH = "/sandpod/tag/sb/c1";

    @TempDir
    Path root;

    private Path file(String rel, String content) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    @Test
    void v1ReadsLimitsAndUsageAndTheOomCounter() throws Exception {
        file("memory/sandpod/tag/sb/c1/memory.limit_in_bytes", "16777216\n");
        file("memory/sandpod/tag/sb/c1/memory.usage_in_bytes", "1000\n");
        file("memory/sandpod/tag/sb/c1/memory.max_usage_in_bytes", "2000\n");
        file("memory/sandpod/tag/sb/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        file("cpu/sandpod/tag/sb/c1/cpu.cfs_quota_us", "-1\n");
        file("cpu/sandpod/tag/sb/c1/cpu.cfs_period_us", "100000\n");
        file("cpuacct/sandpod/tag/sb/c1/cpuacct.usage", "12345\n");
        file("pids/sandpod/tag/sb/c1/pids.max", "max\n");
        file("pids/sandpod/tag/sb/c1/pids.current", "3\n");
        CgroupsV1 v1 = new CgroupsV1(root);

        assertEquals(new ContainerSpec.Limits(OptionalLong.of(16 << 20), OptionalLong.empty(), OptionalLong.empty()), v1.limits(PATH));
        assertEquals(new Cgroups.Usage(1000, 2000, 3, 12345), v1.usage(PATH));
        assertTrue(v1.oomKilled(PATH));
        assertFalse(v1.oomKilled("/sandpod/tag/sb/gone"));
    }

    @Test
    void v1UpdateKeepsMemswAtOrAboveMemoryAndNeverTouchesDevices() throws Exception {
        Path limit = file("memory/sandpod/tag/sb/c1/memory.limit_in_bytes", "16777216");
        Path memsw = file("memory/sandpod/tag/sb/c1/memory.memsw.limit_in_bytes", "16777216");
        file("cpu/sandpod/tag/sb/c1/cpu.cfs_quota_us", "-1");
        Path period = file("cpu/sandpod/tag/sb/c1/cpu.cfs_period_us", "100000");
        Path pids = file("pids/sandpod/tag/sb/c1/pids.max", "max");
        Path devices = Files.createDirectories(root.resolve("devices/sandpod/tag/sb/c1"));
        CgroupsV1 v1 = new CgroupsV1(root);

        v1.update(PATH, ContainerSpec.Limits.NONE.withMemoryBytes(32 << 20).withCpuMillis(250).withPids(50));
        assertEquals(Long.toString(32 << 20), Files.readString(limit));
        assertEquals(Long.toString(32 << 20), Files.readString(memsw));
        assertEquals("25000", Files.readString(root.resolve("memory/../cpu/sandpod/tag/sb/c1/cpu.cfs_quota_us")));
        assertEquals("100000", Files.readString(period));
        assertEquals("50", Files.readString(pids));
        try (var entries = Files.list(devices)) {
            assertEquals(0, entries.count());
        }
        assertEquals(new ContainerSpec.Limits(OptionalLong.of(32 << 20), OptionalLong.of(250), OptionalLong.of(50)), v1.limits(PATH));
    }

    @Test
    void v1RemoveTakesTheCgroupAndItsEmptyParentsButNotTheTop() throws Exception {
        for (String h : new String[] {"memory", "pids", "devices"}) {
            Files.createDirectories(root.resolve(h + "/sandpod/tag/sb/c1"));
        }
        Files.createDirectories(root.resolve("memory/sandpod/tag/sb/c2"));
        CgroupsV1 v1 = new CgroupsV1(root);
        v1.remove(PATH);
        assertFalse(Files.exists(root.resolve("pids/sandpod/tag")));
        assertTrue(Files.isDirectory(root.resolve("pids/sandpod")));
        assertFalse(Files.exists(root.resolve("devices/sandpod/tag")));
        assertFalse(Files.exists(root.resolve("memory/sandpod/tag/sb/c1")));
        assertTrue(Files.isDirectory(root.resolve("memory/sandpod/tag/sb/c2")), "a sibling keeps its parents");
        v1.remove(PATH);
    }

    @Test
    void v2ReadsAndUpdatesTheUnifiedFiles() throws Exception {
        Path max = file("sandpod/tag/sb/c1/memory.max", "max\n");
        Path cpu = file("sandpod/tag/sb/c1/cpu.max", "max 100000\n");
        file("sandpod/tag/sb/c1/pids.max", "20\n");
        file("sandpod/tag/sb/c1/memory.current", "4096\n");
        file("sandpod/tag/sb/c1/pids.current", "2\n");
        file("sandpod/tag/sb/c1/cpu.stat", "usage_usec 7\nuser_usec 5\n");
        file("sandpod/tag/sb/c1/memory.events", "low 0\nhigh 0\nmax 3\noom 1\noom_kill 0\n");
        CgroupsV2 v2 = new CgroupsV2(root);

        assertEquals(new ContainerSpec.Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(20)), v2.limits(PATH));
        assertEquals(new Cgroups.Usage(4096, 0, 2, 7000), v2.usage(PATH));
        assertFalse(v2.oomKilled(PATH));
        v2.update(PATH, ContainerSpec.Limits.NONE.withMemoryBytes(64 << 20).withCpuMillis(1500));
        assertEquals(Long.toString(64 << 20), Files.readString(max));
        assertEquals("150000 100000", Files.readString(cpu));
        file("sandpod/tag/sb/c1/memory.events", "oom 1\noom_kill 2\n");
        assertTrue(v2.oomKilled(PATH));
    }
}
