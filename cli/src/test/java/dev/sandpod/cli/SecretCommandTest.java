package dev.sandpod.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretCommandTest {
    private static final String PASSWORD = "pa55-w0rd-never-shown";

    @TempDir
    Path root;

    private CliRun create(String name, String password, String... extra) {
        String[] args = new String[7 + extra.length];
        System.arraycopy(new String[]{"secret", "create", "registry", name, "--server", "127.0.0.1:5000", "--username=alice"}, 0, args, 0, 7);
        System.arraycopy(extra, 0, args, 7, extra.length);
        String[] withStdin = java.util.Arrays.copyOf(args, args.length + 1);
        withStdin[args.length] = "--password-stdin";
        return CliRun.runWithStdin(root, password.getBytes(StandardCharsets.UTF_8), withStdin);
    }

    private static void assertNoPassword(CliRun run) {
        assertFalse(run.out().contains(PASSWORD), run.toString());
        assertFalse(run.err().contains(PASSWORD), run.toString());
    }

    @Test
    void createStoresTheSecretMode0600InADirectoryMode0700() throws IOException {
        CliRun run = create("lab", PASSWORD + "\n");
        assertEquals(0, run.exitCode(), run.toString());
        assertNoPassword(run);
        Path file = root.resolve("secrets/lab.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("secrets"))));
        String stored = Files.readString(file);
        assertTrue(stored.contains("\"" + PASSWORD + "\""), "the trailing newline of stdin is not part of the password");
    }

    @Test
    void listingNeverShowsThePassword() {
        assertEquals(0, create("lab", PASSWORD).exitCode());
        CliRun table = CliRun.run(root, "secret", "ls");
        assertEquals(0, table.exitCode(), table.toString());
        assertTrue(table.out().contains("lab") && table.out().contains("127.0.0.1:5000") && table.out().contains("alice"), table.toString());
        assertNoPassword(table);
        CliRun json = CliRun.run(root, "secret", "ls", "--output", "json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().contains("\"name\" : \"lab\""), json.toString());
        assertFalse(json.out().contains("password"), json.toString());
        assertNoPassword(json);
    }

    @Test
    void creatingASecretTwiceFailsWithAHintUnlessReplace() throws IOException {
        assertEquals(0, create("lab", PASSWORD).exitCode());
        CliRun again = create("lab", "other");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("already exists"), again.toString());
        assertTrue(again.err().contains("hint:") && again.err().contains("--replace"), again.toString());
        assertTrue(Files.readString(root.resolve("secrets/lab.json")).contains(PASSWORD), "the first secret is kept");
        CliRun replaced = create("lab", "other", "--replace");
        assertEquals(0, replaced.exitCode(), replaced.toString());
        assertTrue(Files.readString(root.resolve("secrets/lab.json")).contains("\"other\""));
    }

    @Test
    void removingASecretDeletesItsFile() {
        assertEquals(0, create("lab", PASSWORD).exitCode());
        CliRun rm = CliRun.run(root, "secret", "rm", "lab");
        assertEquals(0, rm.exitCode(), rm.toString());
        assertFalse(Files.exists(root.resolve("secrets/lab.json")));
    }

    @Test
    void removingAMissingSecretFailsClearly() {
        CliRun rm = CliRun.run(root, "secret", "rm", "ghost");
        assertEquals(1, rm.exitCode(), rm.toString());
        assertTrue(rm.err().contains("no secret named 'ghost'"), rm.toString());
        assertTrue(rm.err().contains("hint:"), rm.toString());
    }

    @Test
    void badNamesAreRejected() {
        for (String bad : new String[]{"Upper", "dash-", "a/b", "../x", "dot.", "under_score"}) {
            CliRun run = create(bad, PASSWORD);
            assertEquals(1, run.exitCode(), bad + ": " + run);
            assertTrue(run.err().contains("invalid secret name"), run.toString());
            assertTrue(run.err().contains("hint:"), run.toString());
        }
        assertFalse(Files.exists(root.resolve("x.json")));
    }

    @Test
    void anEmptyPasswordIsRejected() {
        CliRun run = create("lab", "\n");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("password is empty"), run.toString());
        assertFalse(Files.exists(root.resolve("secrets/lab.json")));
    }

    @Test
    void anUnknownSecretTypeIsAUsageError() {
        CliRun run = CliRun.runWithStdin(root, PASSWORD.getBytes(StandardCharsets.UTF_8), "secret", "create", "tls", "cert",
                "--server", "h", "--username", "u", "--password-stdin");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("error: unknown secret type 'tls'"), run.toString());
        assertTrue(run.err().contains("hint:"), run.toString());
        assertNoPassword(run);
    }
}
