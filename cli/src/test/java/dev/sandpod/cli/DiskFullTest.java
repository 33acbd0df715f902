package dev.sandpod.cli;

import dev.sandpod.image.oci.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A pull that fills the disk says so, with a hint, and tags nothing half-written. */
class DiskFullTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPullLargerThanTheDiskFailsSayingTheDiskIsFull(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path root = dir.resolve("small-disk");
        Files.createDirectories(root);
        run("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", root.toString());
        try {
            byte[] random = new byte[8 << 20];
            new Random(8).nextBytes(random);
            RawImage image = RawImage.of("data/big.bin", random, RawImage.Compression.NONE, Platform.host());
            try (FakeRegistry fake = new FakeRegistry()) {
                fake.add("big/image", "1", image);

                CliRun pull = CliRun.run(root, "image", "pull", fake.host() + "/big/image:1");

                assertEquals(1, pull.exitCode(), pull.toString());
                assertTrue(pull.err().contains("disk full"), pull.toString());
                assertTrue(pull.err().contains("\nhint: "), pull.toString());
            }
            assertFalse(Roots.ls(root).contains("big/image"), "nothing is tagged");
            assertFalse(Roots.blobs(root).contains("sha256/" + image.layerDigest().hex()));
            assertEquals(Set.of(), Roots.partials(root), "no half-written blob");
        } finally {
            run("umount", root.toString());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
