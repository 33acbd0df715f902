package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.tar.TarEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageLoadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;
    @TempDir
    Path work;

    static JsonNode inspect(Path root, String ref) throws IOException {
        CliRun run = CliRun.run(root, "image", "inspect", ref);
        assertEquals(0, run.exitCode(), run.toString());
        return JSON.readTree(run.out()).get(0);
    }

    static Path layerDir(Path root, JsonNode image, int index) {
        String chain = image.get("layers").get(index).get("chainId").asText();
        return root.resolve("layers").resolve(chain.substring("sha256:".length()));
    }

    private void assertBusyboxUnpacked(String name) throws IOException {
        JsonNode image = inspect(root, name);
        assertEquals("docker.io/" + name.replaceFirst("^(?![^/]*/)", "library/"), image.get("names").get(0).asText());
        Path layer = layerDir(root, image, 0);
        Path busybox = layer.resolve("bin/busybox");
        assertTrue(Files.isRegularFile(busybox), busybox + " exists");
        assertTrue(Files.getPosixFilePermissions(busybox).contains(PosixFilePermission.OWNER_EXECUTE), "busybox is executable");
        assertEquals(Files.getAttribute(busybox, "unix:ino"), Files.getAttribute(layer.resolve("bin/sh"), "unix:ino"),
                "bin/sh is a hard link to bin/busybox");
        assertEquals(2, (int) Files.getAttribute(busybox, "unix:nlink"));
    }

    @Test
    void loadingAnOciArchiveNamesTheImageAndUnpacksItsLayer() throws IOException {
        Path archive = TestImages.busyboxArchive(work, "test/busybox:1.0");
        CliRun run = CliRun.run(root, "image", "load", archive.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("loaded docker.io/test/busybox:1.0 (sha256:"), run.toString());
        assertBusyboxUnpacked("test/busybox:1.0");
        JsonNode image = inspect(root, "test/busybox:1.0");
        String chain = image.get("layers").get(0).get("chainId").asText();
        assertEquals(image.get("layers").get(0).get("diffId").asText(), chain, "a single layer's chain id is its diff id");
    }

    @Test
    void loadingFromStandardInputWorks() throws IOException {
        Path archive = TestImages.busyboxArchive(work, "test/stdin:1");
        CliRun run = CliRun.runWithStdin(root, Files.readAllBytes(archive), "image", "load", "-");
        assertEquals(0, run.exitCode(), run.toString());
        assertBusyboxUnpacked("test/stdin:1");
    }

    @Test
    void loadingAGzipCompressedArchiveWorks() throws IOException {
        Path archive = TestImages.busyboxArchive(work, "test/gz:1");
        Path gz = work.resolve("image.tar.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(archive, out);
        }
        CliRun run = CliRun.run(root, "image", "load", "--input", gz.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertBusyboxUnpacked("test/gz:1");
    }

    private static byte[] smallLayer() {
        return new TarBytes().add(TarEntry.dir("etc/")).file("etc/hello", "hello from a legacy archive\n")
                .add(TarEntry.symlink("etc/link", "hello")).toBytes();
    }

    @Test
    void loadingALegacyDockerSaveArchiveWorks() throws IOException {
        byte[] layer = smallLayer();
        Path archive = new DockerSaveArchive("x/y:1").layer(layer).writeTo(work);
        CliRun run = CliRun.run(root, "image", "load", archive.toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode image = inspect(root, "x/y:1");
        assertEquals("docker.io/x/y:1", image.get("names").get(0).asText());
        assertEquals(Digest.sha256(layer).toString(), image.get("layers").get(0).get("diffId").asText());
        Path dir = layerDir(root, image, 0);
        assertEquals("hello from a legacy archive\n", Files.readString(dir.resolve("etc/hello")));
        assertEquals("hello", Files.readSymbolicLink(dir.resolve("etc/link")).toString());
        assertEquals("/bin/sh", image.get("imageConfig").get("config").get("Cmd").get(0).asText());
    }

    @Test
    void loadingADocker25ArchiveWhoseLayerTarIsASymlinkIntoBlobsWorks() throws IOException {
        byte[] layer = smallLayer();
        Path archive = new DockerSaveArchive("x/y:25").layer(layer).blobsWithSymlinks().writeTo(work);
        CliRun run = CliRun.run(root, "image", "load", archive.toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode image = inspect(root, "x/y:25");
        assertEquals(Digest.sha256(layer).toString(), image.get("layers").get(0).get("digest").asText());
        assertEquals("hello from a legacy archive\n", Files.readString(layerDir(root, image, 0).resolve("etc/hello")));
    }

    @Test
    void loadingTheSameArchiveTwiceKeepsOneImage() throws IOException {
        Path archive = TestImages.busyboxArchive(work, "test/twice:1");
        assertEquals(0, CliRun.run(root, "image", "load", archive.toString()).exitCode());
        CliRun second = CliRun.run(root, "image", "load", archive.toString());
        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(1, CliRun.run(root, "image", "ls", "-q").out().lines().count());
    }

    @Test
    void loadingAMissingFileIsAUsageError() {
        CliRun run = CliRun.run(root, "image", "load", work.resolve("nope.tar").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("nope.tar"), run.toString());
        assertTrue(run.err().contains("hint:"), run.toString());
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
