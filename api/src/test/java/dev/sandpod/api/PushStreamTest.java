package dev.sandpod.api;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.PullRequest;
import dev.sandpod.client.model.PushEvent;
import dev.sandpod.client.model.PushRequest;
import dev.sandpod.image.registry.local.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Pushes through the API to a real registry (docker-registry on 127.0.0.1), following the NDJSON progress. */
class PushStreamTest {
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

    @Test
    void aPushStreamsOneLinePerBlobAndEndsWithTheDigestAnotherRootPulls(@TempDir Path work, @TempDir Path root,
                                                                        @TempDir Path other) throws Exception {
        String target = registry.host() + "/pushed/busybox:1";
        String id;
        List<PushEvent> events = new ArrayList<>();
        String digest;
        try (TestDaemon d = TestDaemon.start(root)) {
            try (InputStream in = Files.newInputStream(TestImages.busyboxArchive(work, "test/busybox:1"))) {
                id = d.client().loadImages(in).getFirst().id();
            }
            d.client().tagImage("test/busybox:1", target);

            digest = d.client().pushImage(PushRequest.of(target), events::add);
        }
        assertEquals(id, digest);
        long blobs = events.stream().filter(e -> e instanceof PushEvent.BlobPushed b && b.uploaded()).count();
        assertEquals(2, blobs, "the config and the layer: " + events);
        assertInstanceOf(PushEvent.Pushed.class, events.getLast());
        try (TestDaemon d = TestDaemon.start(other)) {
            assertEquals(digest, d.client().pullImage(PullRequest.of(target), e -> { }).id());
        }
    }

    @Test
    void pushingAnImageThatIsNotStoredIs404BeforeAnyEvent(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            List<PushEvent> events = new ArrayList<>();
            ApiException e = assertThrows(ApiException.class,
                    () -> d.client().pushImage(PushRequest.of(registry.host() + "/no/such:1"), events::add));
            assertEquals(404, e.status());
            assertEquals("ImageNotFound", e.code());
            assertEquals(List.of(), events);
        }
    }

    @Test
    void aPushWithAnUnknownSecretIs404NamingIt(@TempDir Path work, @TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ApiException e = assertThrows(ApiException.class,
                    () -> d.client().pushImage(new PushRequest(registry.host() + "/a/b:1", "ghost"), ev -> { }));
            assertEquals(404, e.status());
            assertEquals("SecretNotFound", e.code());
            assertTrue(e.getMessage().contains("ghost"), e.getMessage());
        }
    }
}
