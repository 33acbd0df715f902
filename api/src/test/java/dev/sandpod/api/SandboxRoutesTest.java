package dev.sandpod.api;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.DebugContainerRequest;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.client.model.UpdateLimitsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox routes' answers to requests that can't be served, checked before anything is made (no runc needed). */
class SandboxRoutesTest {
    @Test
    void anUnknownSandboxIs404OnEveryRoute(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            for (String[] call : new String[][] {{"GET", "/v1/sandboxes/nope"}, {"GET", "/v1/sandboxes/nope/logs"},
                    {"POST", "/v1/sandboxes/nope/stop"}, {"DELETE", "/v1/sandboxes/nope"},
                    {"POST", "/v1/sandboxes/nope/update", "{\"memory\":\"64Mi\"}"},
                    {"POST", "/v1/sandboxes/nope/debug", "{}"}, {"GET", "/v1/sandboxes/nope/logs?container=c"},
                    {"POST", "/v1/sandboxes/nope/containers/c/stop"}, {"DELETE", "/v1/sandboxes/nope/containers/c"},
                    {"GET", "/v1/sandboxes/nope/files?path=/etc/hosts"}, {"PUT", "/v1/sandboxes/nope/files?path=/x", ""},
                    {"DELETE", "/v1/sandboxes/nope/files?path=/x"}, {"GET", "/v1/sandboxes/nope/files/stat?path=/"},
                    {"GET", "/v1/sandboxes/nope/files/list?path=/"}, {"POST", "/v1/sandboxes/nope/files/mkdir?path=/x"},
                    {"GET", "/v1/sandboxes/nope/archive?path=/"}, {"PUT", "/v1/sandboxes/nope/archive?path=/", ""}}) {
                Raw.Answer answer = d.raw().send(call[0], call[1], call.length > 2 ? call[2] : null);
                assertEquals(404, answer.status(), String.join(" ", call));
                assertEquals("SandboxNotFound", answer.code());
                assertEquals("nope", answer.json().path("details").path("name").asText());
            }
            assertEquals(List.of(), d.client().listSandboxes());
        }
    }

    @Test
    void aRunRequestWithABadLimitIs422NamingTheFieldAndOneWithoutImageIs400(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            RunSandboxRequest bad = new RunSandboxRequest("test/busybox:1", "x", List.of(), List.of(), null, null, null,
                    "64XB", null, null, List.of(), List.of(), false, List.of(), null, null);
            ApiException e = assertThrows(ApiException.class, () -> d.client().runSandbox(bad));
            assertEquals(422, e.status());
            assertEquals("InvalidField", e.code());
            assertEquals("memory", e.details().get("field"));
            assertTrue(e.hint().isPresent());

            assertEquals(400, d.raw().send("POST", "/v1/sandboxes", "{\"name\":\"x\"}").status());
            assertEquals(400, d.raw().send("POST", "/v1/sandboxes", "{\"image\":\"i\",\"memroy\":\"1g\"}").status());
            assertEquals(List.of(), d.client().listSandboxes());
        }
    }

    @Test
    void anUnknownRuntimeIs422NamingTheFieldWithTheInstallHint(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            RunSandboxRequest kata = new RunSandboxRequest("test/busybox:1", "x", List.of(), List.of(), null, null, null,
                    null, null, null, List.of(), List.of(), false, List.of(), "kata", null);
            ApiException e = assertThrows(ApiException.class, () -> d.client().runSandbox(kata));
            assertEquals(422, e.status());
            assertEquals("InvalidField", e.code());
            assertEquals("runtime", e.details().get("field"));
            assertTrue(e.hint().orElseThrow().contains("runsc"), e.hint().toString());
            assertEquals(List.of(), d.client().listSandboxes());
        }
    }

    @Test
    void debugAndUpdateRequestsWithABadLimitAre422NamingTheField(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ApiException debug = assertThrows(ApiException.class, () -> d.client().debugSandbox("nope",
                    new DebugContainerRequest(null, "64XB", null, null, null, List.of(), null, null)));
            assertEquals(422, debug.status());
            assertEquals("memory", debug.details().get("field"));
            ApiException update = assertThrows(ApiException.class, () -> d.client().updateSandbox("nope",
                    new UpdateLimitsRequest(null, "lots", null)));
            assertEquals(422, update.status());
            assertEquals("cpus", update.details().get("field"));
            assertTrue(update.hint().isPresent());
            ApiException nothing = assertThrows(ApiException.class, () -> d.client().updateSandbox("nope",
                    new UpdateLimitsRequest(null, null, null)));
            assertEquals(422, nothing.status(), "an update must change something");
            assertEquals(400, d.raw().send("POST", "/v1/sandboxes/x/debug", "{\"imgae\":\"i\"}").status());
            assertEquals(400, d.raw().send("POST", "/v1/sandboxes/x/containers/c/stop?grace=soon", null).status());
            assertEquals(List.of(), d.client().listSandboxes());
        }
    }

    @Test
    void badQueryParametersAre400NamingThem(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            Raw.Answer since = d.raw().send("GET", "/v1/events?since=yesterday", null);
            assertEquals(400, since.status());
            assertEquals("since", since.json().path("details").path("parameter").asText());
            assertEquals(400, d.raw().send("POST", "/v1/sandboxes/x/stop?grace=soon", null).status());
            assertEquals(400, d.raw().send("DELETE", "/v1/sandboxes/x?force=maybe", null).status());
            assertEquals(List.of(), d.client().events(Optional.of("never-was"), Optional.of("10m")));
            assertEquals(List.of(), d.client().events(Optional.empty(), Optional.of("2026-01-01T00:00:00Z")));
        }
    }
}
