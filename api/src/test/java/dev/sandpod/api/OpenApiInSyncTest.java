package dev.sandpod.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.api.http.Route;
import dev.sandpod.api.system.GetOpenApi;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenApiInSyncTest {
    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        Set<String> served = new TreeSet<>();
        for (Route route : Routes.of(new ApiContext(RootLayout.of(Path.of("/tmp/unused")), DaemonOptions.defaults(), null, () -> { })).routes()) {
            served.add(route.method() + " " + route.openApiPath());
        }
        Set<String> documented = new TreeSet<>();
        JsonNode paths = GetOpenApi.document().path("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(
                op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertEquals(served, documented);
    }

    @Test
    void theDaemonServesTheDocumentFromTheRepository(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            JsonNode served = d.client().openApi();
            assertEquals("3.1.0", served.path("openapi").asText());
            assertEquals(GetOpenApi.document(), served);
        }
    }
}
