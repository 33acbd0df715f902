package dev.sandpod.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken config.json stops every image command with the file, line and field named. */
class ConfigFileTest {
    @TempDir
    Path root;

    private CliRun withConfig(String text) throws IOException {
        Files.writeString(root.resolve("config.json"), text);
        return CliRun.run(root, "image", "ls");
    }

    private void assertConfigError(CliRun run, String location, String field) {
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: " + root.resolve("config.json") + location), run.toString());
        if (field != null) {
            assertTrue(run.err().contains("field '" + field + "'"), run.toString());
        }
        assertTrue(run.err().contains("hint:"), run.toString());
    }

    @Test
    void invalidJsonNamesFileAndLine() throws IOException {
        CliRun run = withConfig("{\n  \"store\": {\"maxSize\": \"3MiB\"},\n  oops\n}\n");
        assertConfigError(run, ":3:", null);
        assertTrue(run.err().contains("not valid JSON"), run.toString());
    }

    @Test
    void anUnknownKeyNamesFileLineAndField() throws IOException {
        CliRun run = withConfig("{\n  \"store\": {\"maxSize\": \"3MiB\"},\n  \"mirorrs\": {}\n}\n");
        assertConfigError(run, ":3:", "mirorrs");
        assertTrue(run.err().contains("unknown setting"), run.toString());
    }

    @Test
    void anUnknownNestedKeyNamesItsPath() throws IOException {
        CliRun run = withConfig("{\n  \"store\": {\n    \"maxsize\": \"3MiB\"\n  }\n}\n");
        assertConfigError(run, ":3:", "store.maxsize");
    }

    @Test
    void aWrongTypeNamesFileLineAndField() throws IOException {
        CliRun run = withConfig("{\n  \"insecureRegistries\": \"registry.lab:5000\"\n}\n");
        assertConfigError(run, ":2:", "insecureRegistries");
        assertTrue(run.err().contains("must be a list"), run.toString());
    }

    @Test
    void aTimeoutThatIsNotANumberNamesTheField() throws IOException {
        CliRun run = withConfig("{\"registryTimeoutSeconds\": \"30\"}");
        assertConfigError(run, ":1:", "registryTimeoutSeconds");
    }

    @Test
    void aSizeThatIsNotASizeNamesTheField() throws IOException {
        CliRun run = withConfig("{\n\n  \"store\": {\"maxSize\": \"lots\"}\n}");
        assertConfigError(run, ":3:", "store.maxSize");
        assertTrue(run.err().contains("'lots' is not a size"), run.toString());
    }
}
