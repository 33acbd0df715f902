package dev.sandpod.runtime.files;

import static dev.sandpod.runtime.files.LocalRoot.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Paths built to lead outside the root (absolute symlinks to the host, {@code ../..} symlinks and paths, a symlink
 * swapped in while calls run) never read, list or change anything outside it.
 */
class EscapeTest extends LocalRootTest {
    private WriteOptions parents() {
        return WriteOptions.defaults(Owner.ROOT, 1 << 20).withParents(true);
    }

    private String readOrProblem(String path) {
        try (ReadableFile f = files.read(p(path), 1 << 20)) {
            return new String(f.content().readAllBytes(), StandardCharsets.UTF_8);
        } catch (FilesException e) {
            return e.problem().name();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAbsoluteSymlinkToAHostDirectoryLeadsToThatPathInsideTheRoot() throws Exception {
        Files.createSymbolicLink(local.root.resolve("escape"), local.outside);

        assertEquals("NOT_FOUND", readOrProblem("/escape/secret"));
        assertEquals(FilesException.Problem.NOT_FOUND, assertThrows(FilesException.class, () -> files.write(
                p("/escape/planted"), new ByteArrayInputStream("x".getBytes()), parents())).problem(),
                "mkdir -p refuses a dangling symlink in the way, as coreutils does");
        Path hostPathInRoot = Files.createDirectories(local.root.resolve(local.outside.toString().substring(1)));
        files.write(p("/escape/planted"), new ByteArrayInputStream("x".getBytes()), parents());
        files.mkdir(p("/escape/dir"), true, 0755, Owner.ROOT);

        assertEquals(List.of("secret"), local.outsideNames());
        assertTrue(Files.exists(hostPathInRoot.resolve("planted")), "made at the host path, under the root");
        assertTrue(Files.isDirectory(hostPathInRoot.resolve("dir")));
    }

    @Test
    void aRelativeSymlinkClimbingWithDotDotStopsAtTheRoot() throws Exception {
        Files.createDirectories(local.root.resolve("a/b"));
        Files.createSymbolicLink(local.root.resolve("a/b/up"), Path.of("../../../../../../.."));

        assertEquals("NOT_FOUND", readOrProblem("/a/b/up/outside/secret"));
        assertEquals("NOT_FOUND", readOrProblem("/a/b/up" + local.outside + "/secret"));
        files.write(p("/a/b/up/outside/planted"), new ByteArrayInputStream("x".getBytes()), parents());

        assertEquals(List.of("secret"), local.outsideNames());
        assertTrue(Files.exists(local.root.resolve("outside/planted")));
    }

    @Test
    void dotDotInThePathItselfStopsAtTheRoot() throws Exception {
        assertEquals("NOT_FOUND", readOrProblem("/../outside/secret"));
        assertEquals("NOT_FOUND", readOrProblem("../../../../.." + local.outside + "/secret"));
        assertEquals(List.of(), files.list(p("/../..")));
    }

    @Test
    void aSymlinkToTheHostListsAndStatsInsideTheRoot() throws Exception {
        Files.createSymbolicLink(local.root.resolve("escape"), local.outside);
        assertEquals(FilesException.Problem.NOT_FOUND,
                assertThrows(FilesException.class, () -> files.list(p("/escape"))).problem());
        assertEquals(FilesException.Problem.NOT_FOUND,
                assertThrows(FilesException.class, () -> files.stat(p("/escape/secret"), true)).problem());
    }

    @Test
    void recursiveRemoveThroughASymlinkedParentRemovesOnlyInsideTheRoot() throws Exception {
        Files.createSymbolicLink(local.root.resolve("escape"), local.outside);
        assertEquals(FilesException.Problem.NOT_FOUND,
                assertThrows(FilesException.class, () -> files.remove(p("/escape/secret"), true)).problem());
        assertEquals(List.of("secret"), local.outsideNames());
    }

    /**
     * A thread swaps /race/d between a real directory (holding "f" = inside) and a symlink to the host directory
     * holding "f" = the secret, as fast as it can, while reads, writes, lists, stats, removes and archives go
     * through /race/d. Each call either works inside the root or fails; none ever sees or touches the outside.
     */
    @Test
    void aSymlinkSwappedInDuringCallsNeverLeadsOutside() throws Exception {
        Files.writeString(local.outside.resolve("f"), LocalRoot.SECRET);
        Path race = Files.createDirectories(local.root.resolve("race"));
        Path real = Files.createDirectories(race.resolve("real"));
        Files.writeString(real.resolve("f"), "inside");
        Files.createSymbolicLink(race.resolve("link"), local.outside);
        Files.move(real, race.resolve("d"));
        Set<String> outsideBefore = Set.copyOf(local.outsideNames());

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong swaps = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Exception> swapFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread swapper = Thread.ofPlatform().start(() -> {
            try {
                while (!stop.get()) {
                    // d is the directory, then the symlink, then the directory again: each step one rename
                    Files.move(race.resolve("d"), race.resolve("real"), StandardCopyOption.ATOMIC_MOVE);
                    Files.move(race.resolve("link"), race.resolve("d"), StandardCopyOption.ATOMIC_MOVE);
                    Files.move(race.resolve("d"), race.resolve("link"), StandardCopyOption.ATOMIC_MOVE);
                    Files.move(race.resolve("real"), race.resolve("d"), StandardCopyOption.ATOMIC_MOVE);
                    swaps.incrementAndGet();
                }
            } catch (IOException e) {
                swapFailure.set(e);
            }
        });
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        try {
            for (int i = 0; System.nanoTime() < deadline; i++) {
                seen.add(readOrProblem("/race/d/f"));
                try {
                    files.write(p("/race/d/w" + (i % 50)), new ByteArrayInputStream("w".getBytes()),
                            WriteOptions.defaults(Owner.ROOT, 100));
                    files.list(p("/race/d")).forEach(e -> seen.add("listed " + e.name()));
                    files.stat(p("/race/d/f"), true);
                    files.mkdir(p("/race/d/m" + (i % 50)), false, 0755, Owner.ROOT);
                    files.remove(p("/race/d/m" + (i % 50)), true);
                    ByteArrayOutputStream tar = new ByteArrayOutputStream();
                    files.archive(p("/race/d"), false, true, tar);
                    seen.add(tar.toString(StandardCharsets.ISO_8859_1).contains(LocalRoot.SECRET) ? "archived the secret" : "archived");
                } catch (FilesException e) {
                    seen.add(e.problem().name()); // the swap made the path vanish for a moment: refused, fine
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }

        assertEquals(null, swapFailure.get());
        assertTrue(swaps.get() > 1000, "the swapper ran: " + swaps.get());
        assertTrue(seen.contains("inside"), "some reads got through");
        assertFalse(seen.contains(LocalRoot.SECRET), "never read the secret");
        assertFalse(seen.contains("archived the secret"));
        assertEquals(outsideBefore, Set.copyOf(local.outsideNames()), "nothing written outside");
        assertEquals(LocalRoot.SECRET, Files.readString(local.outside.resolve("f")));
        assertTrue(seen.stream().filter(s -> s.startsWith("listed ")).allMatch(s -> s.equals("listed f") || s.matches("listed [wm]\\d+")),
                "listed only what the inside directory holds");
    }
}
