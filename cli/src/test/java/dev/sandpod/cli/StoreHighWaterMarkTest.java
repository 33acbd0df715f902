package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.image.build.ScratchImageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each test image holds ~700 KiB of random bytes: ~1.4 MiB in the store (compressed blob plus unpacked tree). */
class StoreHighWaterMarkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1 << 20;

    @TempDir
    Path root;
    @TempDir
    Path work;

    private void config(String maxSize) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("config.json"), "{\"store\": {\"maxSize\": \"" + maxSize + "\"}}\n");
    }

    private void load(String name, long seed) throws IOException {
        byte[] noise = new byte[700 * 1024];
        new Random(seed).nextBytes(noise);
        Path archive = TestImages.archive(work, name, new ScratchImageBuilder().layer(TestImages.fileLayer("noise", noise)));
        CliRun run = CliRun.run(root, "image", "load", archive.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Files.delete(archive);
    }

    private List<String> names() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode image : JSON.readTree(CliRun.run(root, "image", "ls", "--output", "json").out())) {
            image.get("names").forEach(n -> out.add(n.asText()));
        }
        return out.stream().sorted().toList();
    }

    /** Bytes of regular files under content/blobs and layers, as du would count them (roughly). */
    private long diskUsage() {
        long total = 0;
        for (Path dir : List.of(root.resolve("content/blobs"), root.resolve("layers"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                total += walk.filter(Files::isRegularFile).mapToLong(p -> {
                    try {
                        return Files.size(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    @Test
    void loadingPastTheMarkEvictsTheLeastRecentlyUsedImage() throws IOException {
        config("3MiB");
        load("test/one:1", 1);
        load("test/two:1", 2);
        assertEquals(List.of("docker.io/test/one:1", "docker.io/test/two:1"), names(), "two images fit under 3 MiB");
        // Using one makes two the least recently used.
        assertEquals(0, CliRun.run(root, "image", "inspect", "test/one:1").exitCode());
        load("test/three:1", 3);
        assertEquals(List.of("docker.io/test/one:1", "docker.io/test/three:1"), names());
        assertTrue(diskUsage() <= 3 * MIB, "the store is under its mark: " + diskUsage());
    }

    @Test
    void theImageJustLoadedIsNeverEvictedEvenAboveTheMark() throws IOException {
        config("1MiB");
        load("test/big:1", 4);
        assertEquals(List.of("docker.io/test/big:1"), names());
        load("test/bigger:1", 5);
        assertEquals(List.of("docker.io/test/bigger:1"), names(), "the older image made room");
        assertTrue(diskUsage() < 2 * MIB, "only one image is left: " + diskUsage());
    }

    @Test
    void withoutAMarkNothingIsEvicted() throws IOException {
        load("test/one:1", 1);
        load("test/two:1", 2);
        load("test/three:1", 3);
        assertEquals(3, names().size());
    }
}
