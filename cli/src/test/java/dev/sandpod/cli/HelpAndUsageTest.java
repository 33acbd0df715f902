package dev.sandpod.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HelpAndUsageTest {
    @TempDir
    Path root;

    private static void collect(CommandLine cli, List<String> path, List<List<String>> out) {
        out.add(path);
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                List<String> child = new ArrayList<>(path);
                child.add(sub.getKey());
                collect(sub.getValue(), child, out);
            }
        }
    }

    @Test
    void everyCommandHasHelpThatExitsZero() {
        List<List<String>> commands = new ArrayList<>();
        collect(Main.newCommandLine(), List.of(), commands);
        assertTrue(commands.size() >= 15, "found " + commands);
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliRun run = CliRun.run(root, args.toArray(String[]::new));
            assertEquals(0, run.exitCode(), command + ": " + run);
            assertTrue(run.out().startsWith("Usage: sandpod"), command + ": " + run);
            assertEquals("", run.err(), command + ": " + run);
        }
    }

    private void assertUsageError(String... args) {
        CliRun run = CliRun.run(root, args);
        assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run);
        assertTrue(run.err().startsWith("error: "), run.toString());
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith("hint: ")), run.toString());
        assertFalse(run.err().contains("Exception"), run.toString());
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertUsageError("image", "frobnicate");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertUsageError("image", "ls", "--colour");
    }

    @Test
    void aBadOutputFormatIsAUsageError() {
        assertUsageError("image", "ls", "--output", "yaml");
    }

    @Test
    void loadWithoutAnArchiveIsAUsageError() {
        assertUsageError("image", "load");
    }

    @Test
    void loadWithTheArchiveTwiceIsAUsageError() {
        assertUsageError("image", "load", "a.tar", "--input", "b.tar");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        assertUsageError("secret", "create", "registry", "lab", "--username", "u", "--password-stdin");
    }

    @Test
    void tagWithOneArgumentIsAUsageError() {
        assertUsageError("image", "tag", "busybox");
    }
}
