package dev.sandpod.cli;

import dev.sandpod.image.oci.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.sandpod.cli.Roots.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Blobs are verified while they stream, and a download a killed pull left half done is resumed, not restarted. */
class PullIntegrityTest {

    @Test
    void aLayerWhoseBytesDoNotMatchItsDigestStopsThePullAndLeavesNothing(@TempDir Path root) throws IOException {
        RawImage image = RawImage.busybox(RawImage.Compression.GZIP, Platform.host());
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.add("evil/busybox", "1", image);
            byte[] tampered = image.layer().clone();
            tampered[tampered.length / 2] ^= 0x5a;
            fake.lieAbout(image.layerDigest(), tampered);
            String ref = fake.host() + "/evil/busybox:1";

            CliRun run = CliRun.run(root, "image", "pull", ref);

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains(image.layerDigest().toString()), "names the blob: " + run);
            assertTrue(run.err().contains(fake.host()), "names the registry: " + run);
            assertTrue(run.err().contains("\nhint: "), run.toString());
            assertFalse(Roots.ls(root).contains("evil/busybox"), "nothing is tagged");
            assertFalse(Roots.blobs(root).contains("sha256/" + image.layerDigest().hex()), "no layer blob");
            assertEquals(Set.of(), Roots.partials(root), "no partial download");
        }
    }

    @Test
    void aLayerLongerThanAnnouncedStopsThePullAndLeavesNothing(@TempDir Path root) throws IOException {
        RawImage image = RawImage.busybox(RawImage.Compression.GZIP, Platform.host());
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.add("long/busybox", "1", image);
            fake.lieAbout(image.layerDigest(), Arrays.copyOf(image.layer(), image.layer().length + 4096));

            CliRun run = CliRun.run(root, "image", "pull", fake.host() + "/long/busybox:1");

            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains(image.layerDigest().toString()), run.toString());
            assertFalse(Roots.ls(root).contains("long/busybox"), "nothing is tagged");
            assertEquals(Set.of(), Roots.partials(root), "no partial download");
        }
    }

    @Test
    void aPartialDownloadLeftByAKilledPullIsResumedWithARangeRequest(@TempDir Path root) throws Exception {
        byte[] random = new byte[4 << 20];
        new Random(42).nextBytes(random);
        RawImage image = RawImage.of("data/random.bin", random, RawImage.Compression.NONE, Platform.host());
        Path partial = root.resolve("content/ingest/sha256-" + image.layerDigest().hex() + ".partial");
        Files.createDirectories(partial.getParent());
        int half = image.layer().length / 2;
        Files.write(partial, Arrays.copyOf(image.layer(), half));
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.add("resume/random", "1", image);

            ok(CliRun.run(root, "image", "pull", fake.host() + "/resume/random:1"));

            assertEquals(List.of("bytes=" + half + "-"), fake.rangeRequests);
        }
        assertArrayEquals(image.layer(), Files.readAllBytes(root.resolve("content/blobs/sha256/" + image.layerDigest().hex())));
        assertEquals(Set.of(), Roots.partials(root));
        assertArrayEquals(random, Files.readAllBytes(unpacked(root, image).resolve("data/random.bin")));
    }

    @Test
    void aPartialDownloadThatIsNotThisBlobIsDiscardedAndFetchedWhole(@TempDir Path root) throws Exception {
        RawImage image = RawImage.busybox(RawImage.Compression.GZIP, Platform.host());
        Path partial = root.resolve("content/ingest/sha256-" + image.layerDigest().hex() + ".partial");
        Files.createDirectories(partial.getParent());
        Files.write(partial, new byte[image.layer().length / 2]); // zeros: not what the blob starts with
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.add("garbage/busybox", "1", image);

            ok(CliRun.run(root, "image", "pull", fake.host() + "/garbage/busybox:1"));

            assertEquals(List.of("bytes=" + image.layer().length / 2 + "-"), fake.rangeRequests, "tried to resume first");
        }
        assertEquals(Set.of(), Roots.partials(root));
        assertTrue(Files.isExecutable(unpacked(root, image).resolve("bin/busybox")));
    }

    static Path unpacked(Path root, RawImage image) throws Exception {
        String json = ok(CliRun.run(root, "image", "inspect", image.manifestDigest().toString())).out();
        String chain = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(0).get("layers").get(0).get("chainId").asText();
        return root.resolve("layers").resolve(chain.substring("sha256:".length()));
    }
}
