package dev.sandpod.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class OciSpecBuilderTest {
    private static final ContainerSpec BASE = ContainerSpec.of(List.of("/bin/sh", "-c", "echo hi"), "/sandpod/t/s/c");

    private static JsonNode build(ContainerSpec spec) throws Exception {
        // Through bytes, as runc reads it.
        return new ObjectMapper().readTree(new OciSpecBuilder().build(spec).toBytes());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void processDefaultsMatchDocker() throws Exception {
        JsonNode p = build(BASE).get("process");
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), texts(p.get("args")));
        assertEquals(ContainerSpec.DEFAULT_ENV, texts(p.get("env")));
        assertEquals("/", p.get("cwd").asText());
        assertEquals(0, p.get("user").get("uid").asLong());
        assertFalse(p.get("noNewPrivileges").asBoolean());
        assertFalse(p.get("terminal").asBoolean());
        JsonNode nofile = p.get("rlimits").get(0);
        assertEquals("RLIMIT_NOFILE", nofile.get("type").asText());
        assertEquals(1048576, nofile.get("hard").asLong());
        assertEquals(1048576, nofile.get("soft").asLong());
    }

    @Test
    void dockersDefaultCapabilitiesAreBoundingEffectiveAndPermittedOnly() throws Exception {
        JsonNode caps = build(BASE).get("process").get("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            assertEquals(Set.copyOf(OciSpecBuilder.DEFAULT_CAPABILITIES), Set.copyOf(texts(caps.get(set))), set);
        }
        assertTrue(texts(caps.get("bounding")).contains("CAP_NET_RAW"));
        assertEquals(14, texts(caps.get("bounding")).size());
        assertTrue(caps.get("inheritable").isEmpty());
        assertTrue(caps.get("ambient").isEmpty());
    }

    @Test
    void capabilitiesAreDroppedThenAdded() throws Exception {
        JsonNode caps = build(BASE.withCapabilities(Set.of("sys_admin", "CAP_NET_ADMIN"), Set.of("NET_RAW", "cap_kill")))
                .get("process").get("capabilities");
        List<String> bounding = texts(caps.get("bounding"));
        assertTrue(bounding.contains("CAP_SYS_ADMIN"));
        assertTrue(bounding.contains("CAP_NET_ADMIN"));
        assertFalse(bounding.contains("CAP_NET_RAW"));
        assertFalse(bounding.contains("CAP_KILL"));

        List<String> onlyChown = texts(build(BASE.withCapabilities(Set.of("chown"), Set.of("all")))
                .get("process").get("capabilities").get("effective"));
        assertEquals(List.of("CAP_CHOWN"), onlyChown);
    }

    @Test
    void anUnknownCapabilityIsABadSpec() {
        BadSpecException e = assertThrows(BadSpecException.class,
                () -> new OciSpecBuilder().build(BASE.withCapabilities(Set.of("FLY"), Set.of())));
        assertEquals("capAdd", e.field());
        assertTrue(e.getMessage().contains("'FLY' is not a Linux capability"), e.getMessage());
    }

    @Test
    void mountsAreDockersStandardOnesThenBinds() throws Exception {
        JsonNode mounts = build(BASE.withMounts(List.of(new ContainerSpec.BindMount(Path.of("/srv/data"), "/data", true))))
                .get("mounts");
        List<String> destinations = StreamSupport.stream(mounts.spliterator(), false)
                .map(m -> m.get("destination").asText()).toList();
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/dev/shm", "/dev/mqueue", "/sys", "/sys/fs/cgroup", "/data"),
                destinations);
        assertTrue(texts(mounts.get(5).get("options")).contains("ro"));
        assertTrue(texts(mounts.get(6).get("options")).contains("ro"));
        assertEquals("tmpfs", mounts.get(1).get("type").asText());
        JsonNode bind = mounts.get(7);
        assertEquals("/srv/data", bind.get("source").asText());
        assertEquals(List.of("rbind", "rprivate", "ro"), texts(bind.get("options")));
    }

    @Test
    void maskedAndReadOnlyPathsAreDockers() throws Exception {
        JsonNode linux = build(BASE).get("linux");
        assertTrue(texts(linux.get("maskedPaths")).containsAll(List.of("/proc/kcore", "/proc/keys", "/sys/firmware",
                "/proc/timer_list", "/proc/sched_debug", "/proc/scsi", "/proc/acpi", "/proc/asound")));
        assertEquals(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                texts(linux.get("readonlyPaths")));
    }

    @Test
    void devicesAreDeniedThenTheStandardOnesAllowed() throws Exception {
        JsonNode devices = build(BASE).get("linux").get("resources").get("devices");
        assertFalse(devices.get(0).get("allow").asBoolean());
        assertEquals("rwm", devices.get(0).get("access").asText());
        boolean nullAllowed = StreamSupport.stream(devices.spliterator(), false).anyMatch(d -> d.get("allow").asBoolean()
                && d.path("major").asLong() == 1 && d.path("minor").asLong() == 3 && d.get("access").asText().equals("rwm"));
        assertTrue(nullAllowed, devices.toString());
    }

    @Test
    void namespacesArePidIpcUtsMountAndTheGivenNetwork() throws Exception {
        JsonNode ns = build(BASE).get("linux").get("namespaces");
        assertEquals(List.of("pid", "ipc", "uts", "mount"),
                StreamSupport.stream(ns.spliterator(), false).map(n -> n.get("type").asText()).toList());
        assertTrue(StreamSupport.stream(ns.spliterator(), false).noneMatch(n -> n.has("path")));

        JsonNode joined = build(BASE.withNetworkNamespace(Path.of("/run/netns/pod1"))
                .withPidNamespace(Path.of("/proc/42/ns/pid"))).get("linux").get("namespaces");
        assertEquals("/proc/42/ns/pid", joined.get(0).get("path").asText());
        assertEquals("network", joined.get(4).get("type").asText());
        assertEquals("/run/netns/pod1", joined.get(4).get("path").asText());
    }

    @Test
    void limitsBecomeResources() throws Exception {
        JsonNode r = build(BASE.withLimits(ContainerSpec.Limits.NONE.withMemoryBytes(64L << 20).withCpuMillis(500)
                .withPids(100))).get("linux").get("resources");
        assertEquals(64L << 20, r.get("memory").get("limit").asLong());
        assertEquals(64L << 20, r.get("memory").get("swap").asLong());
        assertEquals(50_000, r.get("cpu").get("quota").asLong());
        assertEquals(100_000, r.get("cpu").get("period").asLong());
        assertEquals(100, r.get("pids").get("limit").asLong());
        JsonNode none = build(BASE).get("linux").get("resources");
        assertFalse(none.has("memory"));
        assertFalse(none.has("cpu"));
        assertFalse(none.has("pids"));
    }

    @Test
    void userHostnameRootAndCgroupPath() throws Exception {
        JsonNode spec = build(BASE.withUser(new ContainerSpec.User(65534, 65534, List.of(10L, 20L)))
                .withHostname("web-1").withReadOnlyRootfs(true).withCwd("/tmp"));
        assertEquals(65534, spec.get("process").get("user").get("uid").asLong());
        assertEquals(List.of("10", "20"), texts(spec.get("process").get("user").get("additionalGids")));
        assertEquals("web-1", spec.get("hostname").asText());
        assertEquals("rootfs", spec.get("root").get("path").asText());
        assertTrue(spec.get("root").get("readonly").asBoolean());
        assertEquals("/tmp", spec.get("process").get("cwd").asText());
        assertEquals("/sandpod/t/s/c", spec.get("linux").get("cgroupsPath").asText());
        assertEquals("1.0.2", spec.get("ociVersion").asText());
    }

    @Test
    void badSpecsNameTheirField() {
        record Case(ContainerSpec spec, String field) {
        }
        List<Case> cases = List.of(
                new Case(BASE.withArgs(List.of()), "args"),
                new Case(BASE.withEnv(List.of("NOEQUALS")), "env"),
                new Case(BASE.withCwd("relative"), "cwd"),
                new Case(BASE.withHostname("bad host"), "hostname"),
                new Case(BASE.withLimits(ContainerSpec.Limits.NONE.withMemoryBytes(1024)), "limits.memory"),
                new Case(BASE.withLimits(ContainerSpec.Limits.NONE.withPids(0)), "limits.pids"),
                new Case(BASE.withLimits(ContainerSpec.Limits.NONE.withCpuMillis(1)), "limits.cpus"),
                new Case(BASE.withCgroupsPath("relative/path"), "cgroupsPath"),
                new Case(BASE.withMounts(List.of(new ContainerSpec.BindMount(Path.of("rel"), "/x", false))), "mounts"));
        for (Case c : cases) {
            BadSpecException e = assertThrows(BadSpecException.class, () -> new OciSpecBuilder().build(c.spec()), c.field());
            assertEquals(c.field(), e.field());
            assertTrue(e.hint().isPresent());
        }
    }
}
