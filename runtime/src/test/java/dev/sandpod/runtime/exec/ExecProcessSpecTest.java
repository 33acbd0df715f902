package dev.sandpod.runtime.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.runtime.ContainerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ExecProcessSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ObjectNode container = (ObjectNode) read("""
            {"terminal": true, "consoleSize": {"height": 1, "width": 1}, "args": ["sleep", "1"],
             "env": ["PATH=/bin", "HOME=/root", "A=1"], "cwd": "/srv",
             "user": {"uid": 0, "gid": 0, "additionalGids": [10]},
             "capabilities": {"bounding": ["CAP_NET_RAW"]}, "noNewPrivileges": false,
             "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}], "oomScoreAdj": 0}""");

    private static com.fasterxml.jackson.databind.JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theContainersSecurityContextIsKeptAndOnlyTheCommandChanges() {
        ObjectNode p = ExecProcessSpec.build(container, ExecSpec.of("id", "-u"));
        assertEquals(read("[\"id\",\"-u\"]"), p.get("args"));
        assertEquals(container.get("capabilities"), p.get("capabilities"));
        assertEquals(container.get("rlimits"), p.get("rlimits"));
        assertEquals(container.get("user"), p.get("user"));
        assertEquals("/srv", p.get("cwd").asText());
        assertFalse(p.get("terminal").asBoolean());
        assertFalse(p.has("consoleSize"));
    }

    @Test
    void execEnvReplacesTheContainersEntryOfTheSameNameAndAddsNewOnes() {
        ExecSpec spec = new ExecSpec(List.of("env"), List.of("A=2", "B=3"), Optional.empty(), Optional.empty(),
                Optional.empty(), 10);
        ObjectNode p = ExecProcessSpec.build(container, spec);
        assertEquals(read("[\"PATH=/bin\",\"HOME=/root\",\"A=2\",\"B=3\"]"), p.get("env"));
    }

    @Test
    void anotherUserGetsOnlyItsOwnSupplementaryGroups() {
        ExecSpec spec = new ExecSpec(List.of("id"), List.of(), Optional.of("/tmp"),
                Optional.of(new ContainerSpec.User(1000, 1000, List.of())), Optional.of(Duration.ofSeconds(1)), 10);
        ObjectNode p = ExecProcessSpec.build(container, spec);
        assertEquals("{\"uid\":1000,\"gid\":1000,\"additionalGids\":[]}", p.get("user").toString());
        assertEquals("/tmp", p.get("cwd").asText());
    }
}
