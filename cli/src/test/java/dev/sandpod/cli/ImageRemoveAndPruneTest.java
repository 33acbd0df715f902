package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.image.build.ScratchImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRemoveAndPruneTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    @TempDir
    Path work;

    private JsonNode load(String name, ScratchImageBuilder builder) throws IOException {
        CliRun run = CliRun.run(root, "image", "load", TestImages.archive(work, name, builder).toString());
        assertEquals(0, run.exitCode(), run.toString());
        return ImageLoadTest.inspect(root, name);
    }

    private static ScratchImageBuilder busyboxPlus(String file) throws IOException {
        return new ScratchImageBuilder().layer(TestImages.busyboxLayer())
                .layer(TestImages.fileLayer(file, (file + "\n").getBytes(StandardCharsets.UTF_8))).cmd("/bin/sh");
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    private static List<String> blobsOf(JsonNode image) {
        List<String> out = new ArrayList<>(List.of(hex(image.get("id").asText()), hex(image.get("config").asText())));
        image.get("layers").forEach(l -> out.add(hex(l.get("digest").asText())));
        return out;
    }

    private static List<String> chainsOf(JsonNode image) {
        List<String> out = new ArrayList<>();
        image.get("layers").forEach(l -> out.add(hex(l.get("chainId").asText())));
        return out;
    }

    @Test
    void listShowsATableJsonAndQuietIds() throws IOException {
        JsonNode image = load("test/list:1", busyboxPlus("a"));
        String shortId = hex(image.get("id").asText()).substring(0, 12);
        CliRun table = CliRun.run(root, "image", "ls");
        assertEquals(0, table.exitCode(), table.toString());
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.getFirst().matches("NAME\\s+TAG\\s+IMAGE ID\\s+PLATFORM\\s+SIZE"), table.toString());
        assertTrue(lines.get(1).matches("docker\\.io/test/list\\s+1\\s+" + shortId + "\\s+linux/\\S+\\s+[0-9.]+ \\S*B"), table.toString());
        CliRun json = CliRun.run(root, "image", "ls", "--output", "json");
        assertEquals(0, json.exitCode(), json.toString());
        JsonNode listed = JSON.readTree(json.out());
        assertEquals(1, listed.size());
        assertEquals(image.get("id"), listed.get(0).get("id"));
        assertEquals("docker.io/test/list:1", listed.get(0).get("names").get(0).asText());
        CliRun quiet = CliRun.run(root, "image", "ls", "-q");
        assertEquals(List.of(shortId), quiet.out().lines().toList());
    }

    @Test
    void inspectShowsTheImageWithItsConfig() throws IOException {
        JsonNode image = load("test/inspect:1", busyboxPlus("a"));
        assertEquals("/bin/sh", image.get("imageConfig").get("config").get("Cmd").get(0).asText());
        assertEquals(2, image.get("layers").size());
        assertEquals(2, image.get("imageConfig").get("rootfs").get("diff_ids").size());
        JsonNode byShortId = ImageLoadTest.inspect(root, hex(image.get("id").asText()).substring(0, 12));
        assertEquals(image.get("id"), byShortId.get("id"));
    }

    @Test
    void tagAddsASecondNameToTheSameImage() throws IOException {
        JsonNode image = load("test/tag:1", busyboxPlus("a"));
        CliRun tag = CliRun.run(root, "image", "tag", "test/tag:1", "127.0.0.1:5000/app:v1");
        assertEquals(0, tag.exitCode(), tag.toString());
        JsonNode tagged = ImageLoadTest.inspect(root, "127.0.0.1:5000/app:v1");
        assertEquals(image.get("id"), tagged.get("id"));
        assertEquals(List.of("127.0.0.1:5000/app:v1", "docker.io/test/tag:1"),
                JSON.convertValue(tagged.get("names"), List.class));
    }

    @Test
    void removingOneOfTwoNamesOnlyUntags() throws IOException {
        JsonNode image = load("test/two:1", busyboxPlus("a"));
        assertEquals(0, CliRun.run(root, "image", "tag", "test/two:1", "test/two:2").exitCode());
        StoreState before = StoreState.of(root);
        CliRun rm = CliRun.run(root, "image", "rm", "test/two:2");
        assertEquals(0, rm.exitCode(), rm.toString());
        assertEquals(List.of("untagged docker.io/test/two:2"), rm.out().lines().toList());
        assertEquals(before.blobs(), StoreState.of(root).blobs());
        assertEquals(before.layers(), StoreState.of(root).layers());
        assertEquals(image.get("id"), ImageLoadTest.inspect(root, "test/two:1").get("id"));
    }

    @Test
    void removingByIdAnImageWithSeveralNamesNeedsForce() throws IOException {
        JsonNode image = load("test/many:1", busyboxPlus("a"));
        assertEquals(0, CliRun.run(root, "image", "tag", "test/many:1", "test/many:2").exitCode());
        String id = hex(image.get("id").asText()).substring(0, 12);
        CliRun refused = CliRun.run(root, "image", "rm", id);
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("has 2 names"), refused.toString());
        assertTrue(refused.err().contains("hint:"), refused.toString());
        CliRun forced = CliRun.run(root, "image", "rm", "--force", id);
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(forced.out().contains("deleted sha256:"), forced.toString());
        assertEquals(1, CliRun.run(root, "image", "inspect", "test/many:1").exitCode());
    }

    @Test
    void removingTheLastNameDeletesOnlyWhatNoOtherImageUses() throws IOException {
        JsonNode a = load("test/a:1", busyboxPlus("a"));
        JsonNode b = load("test/b:1", busyboxPlus("b"));
        assertEquals(a.get("layers").get(0).get("chainId"), b.get("layers").get(0).get("chainId"), "the busybox layer is shared");
        CliRun rm = CliRun.run(root, "image", "rm", "test/a:1");
        assertEquals(0, rm.exitCode(), rm.toString());
        assertTrue(rm.out().contains("deleted " + a.get("id").asText()), rm.toString());
        Path blobs = root.resolve("content/blobs/sha256");
        for (String blob : blobsOf(b)) {
            assertTrue(Files.isRegularFile(blobs.resolve(blob)), "b's blob " + blob + " stays");
        }
        for (String blob : blobsOf(a)) {
            if (!blobsOf(b).contains(blob)) {
                assertFalse(Files.exists(blobs.resolve(blob)), "a's own blob " + blob + " is gone");
            }
        }
        assertEquals(chainsOf(b).stream().sorted().toList(), StoreState.layerDirs(root), "only b's layers are left");
        assertTrue(Files.isRegularFile(root.resolve("layers").resolve(chainsOf(b).getFirst()).resolve("bin/busybox")));
    }

    @Test
    void pruneRemovesUnnamedImagesAndLeftovers() throws IOException {
        JsonNode old = load("test/prune:1", busyboxPlus("old"));
        JsonNode current = load("test/prune:1", busyboxPlus("new"));
        JsonNode listed = JSON.readTree(CliRun.run(root, "image", "ls", "--output", "json").out());
        assertEquals(2, listed.size(), "the old image lost its name but is still there");
        Path partial = root.resolve("content/ingest/sha256-" + "ab".repeat(32) + ".partial");
        Files.createDirectories(partial.getParent());
        Files.writeString(partial, "half a blob");
        Path tmp = root.resolve("layers/.tmp-" + "cd".repeat(32) + "-99999");
        Files.createDirectories(tmp.resolve("usr/bin"));
        Files.writeString(tmp.resolve("usr/bin/half"), "x");

        CliRun prune = CliRun.run(root, "image", "prune");
        assertEquals(0, prune.exitCode(), prune.toString());
        assertTrue(prune.out().startsWith("removed 1 images, "), prune.toString());
        assertFalse(Files.exists(partial), "the stale partial ingest is gone");
        assertFalse(Files.exists(tmp), "the stale unpack directory is gone");
        listed = JSON.readTree(CliRun.run(root, "image", "ls", "--output", "json").out());
        assertEquals(1, listed.size());
        assertEquals(current.get("id"), listed.get(0).get("id"));
        assertFalse(Files.exists(root.resolve("content/blobs/sha256").resolve(hex(old.get("id").asText()))));
        assertEquals(chainsOf(current).stream().sorted().toList(), StoreState.layerDirs(root));
    }

    @Test
    void removingAnUnknownImageFailsWithAHint() {
        CliRun rm = CliRun.run(root, "image", "rm", "no/such:image");
        assertEquals(1, rm.exitCode(), rm.toString());
        assertTrue(rm.err().startsWith("error: ") && rm.err().contains("no/such:image"), rm.toString());
        assertTrue(rm.err().contains("hint:"), rm.toString());
    }
}
