package dev.sandpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.api.DaemonLock;
import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.state.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `sandpod doctor` as a user runs it: what it lists, removes and prints, and its exit codes. */
class DoctorCommandTest {
    @TempDir
    Path tmp;
    private Path root;
    private Path strayMount;
    private Path immutable;

    @BeforeEach
    void setUp() {
        assumeTrue("root".equals(System.getProperty("user.name")), "doctor looks at mounts, cgroups and links as root");
        root = tmp.resolve("root");
    }

    @AfterEach
    void unmountWhatATestLeft() throws Exception {
        if (immutable != null) {
            chattr("-i", immutable);
        }
        if (strayMount != null && Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + strayMount + " ")) {
            new LinuxMounts().umount2(strayMount.toString(), Mounts.MNT_DETACH);
        }
    }

    @Test
    void aFreshRootIsCleanAndExitsZero() {
        CliRun run = CliRun.run(root, "doctor");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("clean"), run.toString());
    }

    @Test
    void dryRunListsLeftoversWithoutRemovingThemThenDoctorRemovesThemAndASecondRunIsClean() throws Exception {
        Path partial = Files.createDirectories(root.resolve("content/ingest")).resolve("sha256-" + "c".repeat(64) + ".partial");
        Files.writeString(partial, "half a blob");
        strayMount = Files.createDirectories(RootLayout.of(root).sandboxesDir().resolve("0123456789ab/stray"));
        new LinuxMounts().mount("tmpfs", strayMount.toString(), "tmpfs", 0, null);

        CliRun dry = CliRun.run(root, "doctor", "--dry-run");
        assertEquals(1, dry.exitCode(), dry.toString());
        assertTrue(dry.out().contains("would remove mount " + strayMount), dry.toString());
        assertTrue(dry.out().contains("would remove partial download " + partial), dry.toString());
        assertTrue(dry.err().contains("without --dry-run"), dry.toString());
        assertTrue(Files.exists(partial) && Files.readString(Path.of("/proc/self/mountinfo")).contains(" " + strayMount + " "),
                "a dry run removes nothing");

        CliRun fix = CliRun.run(root, "doctor", "--output", "json");
        assertEquals(0, fix.exitCode(), fix.toString());
        JsonNode report = Json.MAPPER.readTree(fix.out());
        assertTrue(report.path("clean").asBoolean());
        Set<String> kinds = new HashSet<>();
        report.path("removed").forEach(f -> kinds.add(f.path("kind").asText()));
        assertEquals(Set.of("mount", "sandbox-dir", "ingest-partial"), kinds, fix.toString());
        assertTrue(!Files.exists(partial) && !Files.exists(strayMount.getParent()));

        CliRun again = CliRun.run(root, "doctor");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("clean"), again.toString());
    }

    @Test
    void aLeftoverThatCannotBeRemovedIsReportedAndExitsOneWithAHint() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chattr")), "chattr (e2fsprogs) makes a file that can't be deleted");
        Path gone = Files.createDirectories(RootLayout.of(root).sandboxesDir().resolve("0123456789ab"));
        immutable = Files.writeString(gone.resolve("pinned"), "can't delete me");
        chattr("+i", immutable);

        CliRun run = CliRun.run(root, "doctor");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.out().contains("could not remove sandbox directory " + gone), run.toString());
        assertTrue(run.err().contains("could not be removed") && run.err().contains("hint:"), run.toString());
    }

    private static void chattr(String flag, Path file) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "chattr " + flag + " " + file + ": " + out);
    }

    @Test
    void refusesToRemoveAnythingWhileADaemonHoldsTheRoot() throws Exception {
        Path partial = Files.createDirectories(root.resolve("content/ingest")).resolve("sha256-" + "d".repeat(64) + ".partial");
        Files.writeString(partial, "half a blob");
        try (DaemonLock daemon = DaemonLock.acquire(RootLayout.of(root))) {
            CliRun run = CliRun.run(root, "doctor");
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().contains("a daemon runs") && run.err().contains("sandpod daemon stop"), run.toString());
        }
        assertTrue(Files.exists(partial));
    }
}
