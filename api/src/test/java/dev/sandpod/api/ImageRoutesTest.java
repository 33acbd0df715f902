package dev.sandpod.api;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.ImageDetails;
import dev.sandpod.client.model.ImageSummary;
import dev.sandpod.client.model.PruneResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRoutesTest {
    @Test
    void anArchiveIsLoadedListedInspectedRemovedAndPrunedThroughTheClient(@TempDir Path work, @TempDir Path root) throws Exception {
        Path archive = TestImages.busyboxArchive(work, "test/busybox:1");
        try (TestDaemon d = TestDaemon.start(root)) {
            List<ImageSummary> loaded;
            try (InputStream in = Files.newInputStream(archive)) {
                loaded = d.client().loadImages(in);
            }
            assertEquals(1, loaded.size());
            ImageSummary image = loaded.getFirst();
            assertEquals(List.of("docker.io/test/busybox:1"), image.names());
            assertEquals(1, image.layers().size());

            assertEquals(List.of(image), d.client().listImages().stream().map(i -> withLastUsed(i, image)).toList());

            ImageDetails details = d.client().inspectImage("test/busybox:1");
            assertEquals(image.id(), details.image().id());
            assertEquals("/bin/sh", details.config().path("config").path("Cmd").path(0).asText());
            assertEquals(image.id(), d.client().inspectImage("docker.io/test/busybox:1").image().id());
            assertEquals(image.id(), d.client().inspectImage(image.id().substring(7, 19)).image().id());

            List<String> removed = d.client().removeImage("test/busybox:1", false);
            assertEquals(List.of("untagged docker.io/test/busybox:1", "deleted " + image.id()), removed);
            assertTrue(d.client().listImages().isEmpty());
            PruneResult pruned = d.client().pruneImages();
            assertEquals(0, pruned.images());
        }
    }

    private static ImageSummary withLastUsed(ImageSummary listed, ImageSummary loaded) {
        return new ImageSummary(listed.id(), listed.names(), listed.mediaType(), listed.config(), listed.platform(), listed.size(),
                listed.created(), loaded.lastUsed(), listed.layers());
    }

    @Test
    void anUnknownImageIsA404ImageNotFoundWithAHint(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ApiException inspect = assertThrows(ApiException.class, () -> d.client().inspectImage("nope/nothing:1"));
            assertEquals(404, inspect.status());
            assertEquals("ImageNotFound", inspect.code());
            assertTrue(inspect.hint().orElseThrow().contains("image pull"));
            ApiException remove = assertThrows(ApiException.class, () -> d.client().removeImage("nope/nothing:1", false));
            assertEquals("ImageNotFound", remove.code());
        }
    }

    @Test
    void aBrokenArchiveIs422AndLeavesTheStoreEmpty(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ApiException e = assertThrows(ApiException.class,
                    () -> d.client().loadImages(new java.io.ByteArrayInputStream("not a tar at all".repeat(100).getBytes())));
            assertEquals(422, e.status(), e.toString());
            assertTrue(d.client().listImages().isEmpty());
        }
    }

    private static ImageSummary load(TestDaemon d, Path archive) throws Exception {
        try (InputStream in = Files.newInputStream(archive)) {
            return d.client().loadImages(in).getFirst();
        }
    }

    @Test
    void tagGivesAStoredImageASecondName(@TempDir Path work, @TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ImageSummary image = load(d, TestImages.busyboxArchive(work, "test/busybox:1"));

            ImageSummary tagged = d.client().tagImage("test/busybox:1", "127.0.0.1:5000/app:v1");

            assertEquals(image.id(), tagged.id());
            assertEquals(List.of("127.0.0.1:5000/app:v1", "docker.io/test/busybox:1"), tagged.names());
            assertEquals(image.id(), d.client().inspectImage("127.0.0.1:5000/app:v1").image().id());
        }
    }

    @Test
    void savedImagesStreamAsATarThatLoadsIntoAnotherRootWithTheSameId(@TempDir Path work, @TempDir Path root,
                                                                       @TempDir Path other) throws Exception {
        Path saved = work.resolve("saved.tar");
        String id;
        try (TestDaemon d = TestDaemon.start(root)) {
            id = load(d, TestImages.busyboxArchive(work, "test/busybox:1")).id();
            try (var out = Files.newOutputStream(saved)) {
                d.client().saveImages(List.of("test/busybox:1"), out);
            }
        }
        try (TestDaemon d = TestDaemon.start(other)) {
            assertEquals(id, load(d, saved).id());
        }
    }

    @Test
    void savingAnUnknownImageIs404AndWritesNothing(@TempDir Path work, @TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            load(d, TestImages.busyboxArchive(work, "test/busybox:1"));
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ApiException e = assertThrows(ApiException.class,
                    () -> d.client().saveImages(List.of("test/busybox:1", "no/such:image"), out));
            assertEquals(404, e.status());
            assertEquals("ImageNotFound", e.code());
            assertEquals(0, out.size(), "not a byte of the archive");
        }
    }

    @Test
    void aSaveRequestMustNameAnImage(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            Raw.Answer none = d.raw().send("POST", "/v1/images/save", "{\"references\": []}");
            assertEquals(400, none.status());
            assertEquals("references", none.field());
            Raw.Answer empty = d.raw().send("POST", "/v1/images/save", "{\"references\": [\"\"]}");
            assertEquals(400, empty.status());
            assertEquals("references[0]", empty.field());
        }
    }

    @Test
    void loadErrorsNameTheArchiveAsTheClientCallsIt(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ApiException e = assertThrows(ApiException.class, () -> d.client().loadImages(
                    new java.io.ByteArrayInputStream("not a tar at all".repeat(100).getBytes()), "/home/me/my image.tar"));
            assertTrue(e.getMessage().contains("/home/me/my image.tar"), e.getMessage());
        }
    }

    @Test
    void removingByIdAnImageWithSeveralNamesIs409NamingThem(@TempDir Path work, @TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ImageSummary image = load(d, TestImages.busyboxArchive(work, "test/busybox:1"));
            d.client().tagImage("test/busybox:1", "test/busybox:2");

            ApiException e = assertThrows(ApiException.class, () -> d.client().removeImage(image.id(), false));

            assertEquals(409, e.status());
            assertEquals("ImageHasNames", e.code());
            assertEquals(List.of("docker.io/test/busybox:1", "docker.io/test/busybox:2"), e.details().get("names"));
            assertEquals(2, d.client().inspectImage(image.id()).image().names().size(), "nothing was removed");
        }
    }
}
