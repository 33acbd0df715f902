package dev.sandpod.cli;

import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and broken archives: each fails with exit 1, an error naming the archive and what is wrong, a hint,
 * and leaves the store (and everything outside it) exactly as it was.
 */
class HostileArchiveTest {
    @TempDir
    Path parent;
    Path root;
    Path sibling;
    Path work;
    StoreState before;

    @BeforeEach
    void storeWithOneImageAndAnEmptySibling() throws IOException {
        root = Files.createDirectory(parent.resolve("root"));
        sibling = Files.createDirectory(parent.resolve("sibling"));
        work = Files.createDirectory(parent.resolve("work"));
        Path existing = TestImages.busyboxArchive(work, "test/existing:1");
        CliRun load = CliRun.run(root, "image", "load", existing.toString());
        assertEquals(0, load.exitCode(), load.toString());
        before = StoreState.of(root);
    }

    private CliRun loadFails(Path archive, String... mentioned) throws IOException {
        CliRun run = CliRun.run(root, "image", "load", archive.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: "), run.toString());
        assertTrue(run.err().contains(archive.toString()), "names the archive: " + run);
        for (String m : mentioned) {
            assertTrue(run.err().contains(m), "mentions " + m + ": " + run);
        }
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("hint: ")), run.toString());
        assertUnchanged();
        return run;
    }

    private void assertUnchanged() throws IOException {
        assertEquals(before, StoreState.of(root), "the store is as it was");
        try (var files = Files.list(sibling)) {
            assertEquals(List.of(), files.toList(), "nothing was created in the sibling directory");
        }
        try (var files = Files.list(parent)) {
            assertEquals(List.of("root", "sibling", "work"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(root.resolve("escape")));
    }

    private Path dockerArchive(byte[] layer) throws IOException {
        return new DockerSaveArchive("hostile/image:1").layer(layer).writeTo(work);
    }

    @Test
    void aLayerEntryClimbingOutWithDotDotIsRefused() throws IOException {
        byte[] layer = new TarBytes().file("ok", "fine").file("../../escape", "out").file("../../../sibling/escape", "out").toBytes();
        loadFails(dockerArchive(layer), "../../escape", "layer");
    }

    @Test
    void aLayerHardLinkToEtcPasswdOutsideIsRefused() throws IOException {
        byte[] layer = new TarBytes().add(TarEntry.hardlink("passwd", "../../../etc/passwd")).toBytes();
        loadFails(dockerArchive(layer), "passwd", "layer");
    }

    @Test
    void writingThroughASymlinkToAHostDirectoryLandsInsideTheLayer() throws IOException {
        byte[] layer = new TarBytes().add(TarEntry.symlink("etc", sibling.toString())).file("etc/pwned", "gotcha").toBytes();
        CliRun run = CliRun.run(root, "image", "load", dockerArchive(layer).toString());
        assertEquals(0, run.exitCode(), run.toString());
        try (var files = Files.list(sibling)) {
            assertEquals(List.of(), files.toList(), "nothing was written through the symlink to the host");
        }
        Path layerDir = ImageLoadTest.layerDir(root, ImageLoadTest.inspect(root, "hostile/image:1"), 0);
        assertEquals(sibling.toString(), Files.readSymbolicLink(layerDir.resolve("etc")).toString(), "the symlink is kept as written");
        assertEquals("gotcha", Files.readString(layerDir.resolve(sibling.toString().substring(1)).resolve("pwned")),
                "the file landed under the layer root, resolved as if the layer were /");
    }

    @Test
    void aTruncatedArchiveIsRefused() throws IOException {
        Path whole = TestImages.busyboxArchive(work, "test/truncated:1");
        Path cut = work.resolve("truncated.tar");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2 + 100));
        loadFails(cut);
    }

    @Test
    void anArchiveWhoseManifestNamesAMissingLayerIsRefused() throws IOException {
        byte[] layer = new TarBytes().file("a", "a").toBytes();
        Path archive = new DockerSaveArchive("hostile/missing:1").layer(layer).missingLayer("deadbeef/layer.tar").writeTo(work);
        loadFails(archive, "deadbeef/layer.tar");
    }

    @Test
    void aLayerWhoseDiffIdDoesNotMatchTheConfigIsRefused() throws IOException {
        byte[] first = new TarBytes().file("first", "1").toBytes();
        byte[] second = new TarBytes().file("second", "2").toBytes();
        Digest lie = Digest.sha256("something else".getBytes(StandardCharsets.UTF_8));
        Path archive = new DockerSaveArchive("hostile/diffid:1").layer(first).layer(second)
                .diffIds(List.of(Digest.sha256(first), lie)).writeTo(work);
        loadFails(archive, Digest.sha256(second).toString(), lie.toString());
    }

    /** Copies an archive, letting {@code change} rewrite the content of one entry (same size). */
    private Path rewrite(Path archive, String entryName, UnaryOperator<byte[]> change) throws IOException {
        TarBytes out = new TarBytes();
        boolean found = false;
        try (InputStream in = Files.newInputStream(archive); TarReader tar = new TarReader(in)) {
            for (Optional<TarEntry> next = tar.next(); next.isPresent(); next = tar.next()) {
                TarEntry entry = next.get();
                byte[] content = entry.size() > 0 ? tar.content().readAllBytes() : new byte[0];
                if (entry.name().equals(entryName)) {
                    content = change.apply(content);
                    found = true;
                }
                out.add(entry, content);
            }
        }
        assertTrue(found, entryName + " is in the archive");
        Path changed = Files.createTempFile(work, "changed-", ".tar");
        Files.write(changed, out.toBytes());
        return changed;
    }

    @Test
    void aBlobWhoseContentDoesNotMatchItsNameIsRefused() throws IOException {
        byte[] layer = new TarBytes().file("data", "original content").toBytes();
        Path archive = TestImages.archive(work, "test/tampered:1", new dev.sandpod.image.build.ScratchImageBuilder()
                .layer(List.of(dev.sandpod.image.build.ScratchImageBuilder.LayerEntry.file("data", 0644, layer))));
        String layerDigest = layerDigestOf(archive);
        Path tampered = rewrite(archive, "blobs/sha256/" + layerDigest, bytes -> {
            byte[] copy = bytes.clone();
            copy[copy.length - 1] ^= 1;
            return copy;
        });
        loadFails(tampered, "blobs/sha256/" + layerDigest);
    }

    @Test
    void aLargeBlobWhoseContentDoesNotMatchItsNameIsRefused() throws IOException {
        byte[] noise = new byte[(1 << 20) + 4096];
        new java.util.Random(7).nextBytes(noise);
        Path archive = TestImages.archive(work, "test/tampered:2", new dev.sandpod.image.build.ScratchImageBuilder()
                .layer(TestImages.fileLayer("noise", noise)));
        String layerDigest = layerDigestOf(archive);
        Path tampered = rewrite(archive, "blobs/sha256/" + layerDigest, bytes -> {
            byte[] copy = bytes.clone();
            copy[copy.length / 2] ^= 1;
            return copy;
        });
        loadFails(tampered, "blobs/sha256/" + layerDigest);
    }

    private static String layerDigestOf(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(archive); TarReader tar = new TarReader(in)) {
            for (Optional<TarEntry> next = tar.next(); next.isPresent(); next = tar.next()) {
                if (next.get().name().equals("manifest.json")) {
                    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tar.content().readAllBytes());
                    return json.get(0).get("Layers").get(0).asText().substring("blobs/sha256/".length());
                }
            }
        }
        throw new AssertionError("no manifest.json in " + archive);
    }

    @Test
    void aFileThatIsNotATarIsRefused() throws IOException {
        Path text = work.resolve("notes.txt");
        Files.writeString(text, "this is not an image archive\n".repeat(40));
        loadFails(text);
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path empty = work.resolve("empty.tar");
        Files.createFile(empty);
        loadFails(empty);
    }
}
