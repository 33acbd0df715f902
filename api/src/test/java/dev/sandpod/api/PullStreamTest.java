package dev.sandpod.api;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.ImageSummary;
import dev.sandpod.client.model.PullEvent;
import dev.sandpod.client.model.PullRequest;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.registry.local.LocalRegistry;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Pulls through the API from a real registry (docker-registry on 127.0.0.1), following the NDJSON progress. */
class PullStreamTest {
    private static LocalRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        assumeTrue(LocalRegistry.available(), "needs docker-registry");
        registry = LocalRegistry.start();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    private static Digest push(Path work, String target) throws Exception {
        Path scratch = Files.createTempDirectory(work, "push-root-");
        Path archive = TestImages.busyboxArchive(work, "test/busybox:src");
        try (ImageService images = ImageService.open(RootLayout.of(scratch)); InputStream in = Files.newInputStream(archive)) {
            images.load(in, "test archive");
            images.tag("test/busybox:src", target);
            return images.push(target, Optional.empty(), (digest, existed) -> { });
        }
    }

    @Test
    void aPullStreamsItsProgressAndEndsWithTheStoredImage(@TempDir Path work, @TempDir Path root) throws Exception {
        String target = registry.host() + "/team/busybox:1";
        Digest pushed = push(work, target);
        try (TestDaemon d = TestDaemon.start(root)) {
            List<PullEvent> events = new ArrayList<>();
            ImageSummary image = d.client().pullImage(PullRequest.of(target), events::add);
            assertEquals(pushed.toString(), image.id());
            assertEquals(List.of(target), image.names());
            PullEvent.Resolved resolved = assertInstanceOf(PullEvent.Resolved.class, events.getFirst());
            assertEquals(pushed.toString(), resolved.manifest());
            assertTrue(events.stream().anyMatch(e -> e instanceof PullEvent.BlobDone done && done.kind().equals("layer")), events.toString());
            assertTrue(events.stream().anyMatch(e -> e instanceof PullEvent.LayerUnpacked), events.toString());
            assertInstanceOf(PullEvent.Pulled.class, events.getLast());
            assertEquals(image.id(), d.client().inspectImage(target).image().id());
        }
    }

    @Test
    void aPullThatFailsEndsItsStreamWithATypedError(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            List<PullEvent> events = new ArrayList<>();
            ApiException e = assertThrows(ApiException.class,
                    () -> d.client().pullImage(PullRequest.of(registry.host() + "/no/such:1"), events::add));
            assertEquals(200, e.status());
            assertEquals("RegistryNotFound", e.code(), e.getMessage());
            assertTrue(d.client().listImages().isEmpty());
        }
    }
}
