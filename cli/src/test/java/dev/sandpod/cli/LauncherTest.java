package dev.sandpod.cli;

import dev.sandpod.image.oci.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.sandpod.cli.Roots.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real entry point, `./sandpod` at the repository root, run as a user runs it. Its commands start the root's
 * daemon in the background; each test stops it at the end (`daemon stop`), as it found the root.
 */
class LauncherTest {
    /** Maven runs a module's tests in the module directory. */
    private static final Path LAUNCHER = Path.of("..", "sandpod").toAbsolutePath().normalize();

    private static Process start(Path log, String... args) throws IOException {
        assumeTrue(Files.isExecutable(LAUNCHER), "needs the launcher at " + LAUNCHER);
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void theLauncherListsAnEmptyStore(@TempDir Path root, @TempDir Path work) throws Exception {
        Path log = work.resolve("out.log");
        Process p = start(log, "--root", root.toString(), "image", "ls");
        try {
            assertEquals(0, p.waitFor(), Files.readString(log));
            assertTrue(Files.readString(log).contains("NAME"), Files.readString(log));
            assertTrue(Files.exists(root.resolve("state.db")), "the store was made under --root");
        } finally {
            p.destroyForcibly();
            ok(CliRun.run(root, "daemon", "stop"));
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aPullKilledWithKill9MidDownloadIsResumedByTheNextPull(@TempDir Path root, @TempDir Path work) throws Exception {
        try {
            killedPullIsResumed(root, work);
        } finally {
            ok(CliRun.run(root, "daemon", "stop"));
        }
    }

    /** The daemon stops a pull whose CLI is killed, keeping what it fetched for the next pull to resume. */
    private static void killedPullIsResumed(Path root, Path work) throws Exception {
        byte[] random = new byte[50 << 20];
        new Random(50).nextBytes(random);
        RawImage image = RawImage.of("data/big.bin", random, RawImage.Compression.NONE, Platform.host());
        Path partial = root.resolve("content/ingest/sha256-" + image.layerDigest().hex() + ".partial");
        try (FakeRegistry fake = new FakeRegistry()) {
            fake.add("big/random", "1", image);
            fake.throttle = 32 << 10; // about 3 MB/s: the kill lands mid-download
            String ref = fake.host() + "/big/random:1";
            Path log = work.resolve("killed.log");
            Process killed = start(log, "--root", root.toString(), "image", "pull", ref);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                while (!(Files.exists(partial) && Files.size(partial) > (4 << 20))) {
                    assertTrue(killed.isAlive(), "the pull ended before it could be killed: " + Files.readString(log));
                    assertTrue(System.nanoTime() < deadline, "the download never started: " + Files.readString(log));
                    Thread.sleep(50);
                }
            } finally {
                killed.destroyForcibly(); // SIGKILL to the PID this test started (the launcher execs java)
                killed.waitFor();
            }
            assertTrue(Files.size(partial) < image.layer().length, "killed mid-download");
            awaitNoGrowth(partial, TimeUnit.SECONDS.toNanos(10));
            assertTrue(Files.size(partial) < image.layer().length, "the daemon stopped the download of the killed pull");
            assertFalse(Roots.ls(root).contains("big/random"), "nothing tagged by the killed pull");

            fake.throttle = 0;
            CliRun again = ok(CliRun.run(root, "image", "pull", ref));

            assertEquals(1, fake.rangeRequests.size(), "resumed with one range request: " + fake.rangeRequests + "\n" + again);
            assertTrue(again.err().contains("downloaded"), again.toString());
        }
        assertArrayEquals(image.layer(), Files.readAllBytes(root.resolve("content/blobs/sha256/" + image.layerDigest().hex())));
        assertArrayEquals(random, Files.readAllBytes(PullIntegrityTest.unpacked(root, image).resolve("data/big.bin")));

        ok(CliRun.run(root, "image", "prune"));
        assertEquals(Set.of(), Roots.partials(root));
        try (var leftovers = Files.list(root.resolve("layers"))) {
            assertEquals(List.of(), leftovers.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList());
        }
        assertTrue(Roots.ls(root).contains("big/random"), "prune keeps the named image");
    }

    /** Waits until {@code file} has not grown for a second (at ~3 MB/s a running download adds megabytes a second). */
    private static void awaitNoGrowth(Path file, long timeoutNanos) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        long size = Files.size(file);
        while (true) {
            Thread.sleep(1000);
            long now = Files.size(file);
            if (now == size) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the download went on after its CLI was killed: " + now + " bytes");
            size = now;
        }
    }
}
