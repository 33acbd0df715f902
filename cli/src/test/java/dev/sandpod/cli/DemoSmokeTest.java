package dev.sandpod.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoSmokeTest {
    @Test
    void theDemoRoundTripShowsTheRefusedPushThenRunsAndRemovesASandbox(@TempDir Path root) {
        CliRun run = CliRun.run(root, "demo");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("unauthorized"), run.toString());
        assertTrue(run.out().contains("pulled "), run.toString());
        assertTrue(run.out().contains("hello from demo-hello"), run.toString());
        assertTrue(run.out().contains("stopped the daemon"), run.toString());
    }
}
