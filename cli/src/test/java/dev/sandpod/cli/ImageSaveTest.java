package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ImageSaveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    @TempDir
    Path work;

    private Path loadAndSave(String name) throws IOException {
        Path archive = TestImages.busyboxArchive(work, name);
        assertEquals(0, CliRun.run(root, "image", "load", archive.toString()).exitCode());
        Path saved = work.resolve("saved.tar");
        CliRun save = CliRun.run(root, "image", "save", "-o", saved.toString(), name);
        assertEquals(0, save.exitCode(), save.toString());
        return saved;
    }

    private static String id(Path root, String name) throws IOException {
        return ImageLoadTest.inspect(root, name).get("id").asText();
    }

    record Result(int exit, String out) {
    }

    private static Result exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new Result(p.exitValue(), out);
    }

    private static boolean installed(String tool) {
        return List.of("/usr/bin/", "/usr/local/bin/", "/bin/").stream().anyMatch(d -> Files.isExecutable(Path.of(d + tool)));
    }

    @Test
    void aSavedImageLoadsIntoAFreshRootWithTheSameId(@TempDir Path fresh) throws IOException {
        Path saved = loadAndSave("test/save:1");
        CliRun load = CliRun.run(fresh, "image", "load", saved.toString());
        assertEquals(0, load.exitCode(), load.toString());
        assertEquals(id(root, "test/save:1"), id(fresh, "test/save:1"));
        assertTrue(Files.isRegularFile(ImageLoadTest.layerDir(fresh, ImageLoadTest.inspect(fresh, "test/save:1"), 0).resolve("bin/busybox")));
    }

    @Test
    void gnuTarListsTheLayoutFilesAndBlobsOfASavedArchive() throws Exception {
        Path saved = loadAndSave("test/save:2");
        Result list = exec(work, "tar", "-tf", saved.toString());
        assertEquals(0, list.exit(), list.out());
        List<String> names = list.out().lines().toList();
        for (String expected : List.of("oci-layout", "index.json", "manifest.json", "blobs/sha256/")) {
            assertTrue(names.contains(expected), expected + " in " + names);
        }
        JsonNode image = ImageLoadTest.inspect(root, "test/save:2");
        for (String digest : List.of(image.get("id").asText(), image.get("config").asText(),
                image.get("layers").get(0).get("digest").asText())) {
            assertTrue(names.contains("blobs/sha256/" + digest.substring(7)), digest + " in " + names);
        }
    }

    @Test
    void skopeoReadsASavedArchive() throws Exception {
        assumeTrue(installed("skopeo"), "skopeo is not installed");
        Path saved = loadAndSave("test/save:3");
        Result inspect = exec(work, "skopeo", "--insecure-policy", "inspect", "--raw", "oci-archive:" + saved);
        assertEquals(0, inspect.exit(), inspect.out());
        JsonNode manifest = JSON.readTree(inspect.out());
        assertEquals(ImageLoadTest.inspect(root, "test/save:3").get("config").asText(), manifest.get("config").get("digest").asText());
        Path copy = work.resolve("copy");
        Result copied = exec(work, "skopeo", "--insecure-policy", "copy", "oci-archive:" + saved, "dir:" + copy);
        assertEquals(0, copied.exit(), copied.out());
        assertTrue(Files.isRegularFile(copy.resolve("manifest.json")), copied.out());
    }

    @Test
    void umociUnpacksASavedArchive() throws Exception {
        assumeTrue(installed("umoci"), "umoci is not installed");
        Path saved = loadAndSave("test/save:4");
        Path layout = Files.createDirectory(work.resolve("layout"));
        Result untar = exec(layout, "tar", "-xf", saved.toString());
        assertEquals(0, untar.exit(), untar.out());
        Result ls = exec(work, "umoci", "ls", "--layout", layout.toString());
        assertEquals(0, ls.exit(), ls.out());
        assertTrue(ls.out().lines().anyMatch("4"::equals), "the tag is the OCI ref name: " + ls.out());
        Result unpack = exec(work, "umoci", "raw", "unpack", "--image", layout + ":4", work.resolve("rootfs").toString());
        assertEquals(0, unpack.exit(), unpack.out());
        assertTrue(Files.isRegularFile(work.resolve("rootfs/bin/busybox")), unpack.out());
    }

    @Test
    void savingAnUnknownImageFailsWithAHintAndWritesNothing() throws IOException {
        Path target = work.resolve("never.tar");
        CliRun run = CliRun.run(root, "image", "save", "-o", target.toString(), "no/such:image");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("no/such:image"), run.toString());
        assertTrue(run.err().contains("hint:"), run.toString());
        assertTrue(Files.notExists(target));
        try (var files = Files.list(work)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".sandpod-save-")), "no temp file left");
        }
    }
}
