package dev.sandpod.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Host commands run to their end for a benchmark, each timed from its spawn to its reaping; stdin is /dev/null,
 * stdout is discarded and stderr goes to a file, to say why one failed. Anything but exit code 0 is a
 * {@link TimedCommandException}.
 *
 * @param stderr where each command's stderr is written (truncated at each start); a file, not a pipe, so a
 *               daemon the command leaves behind (podman's conmon) can't hold the bench up
 */
record TimedCommand(Path stderr) {
    private static final long TIMEOUT_SECONDS = 120;
    private static final File DEV_NULL = new File("/dev/null");

    /** Runs the command; returns how long it took in milliseconds. */
    double run(List<String> command) throws TimedCommandException, IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(DEV_NULL)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new TimedCommandException(command, "did not finish within " + TIMEOUT_SECONDS + " s", said());
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new TimedCommandException(command, "failed with exit code " + process.exitValue(), said());
        }
        return ms;
    }

    private String said() throws IOException {
        List<String> lines = Files.readString(stderr, StandardCharsets.UTF_8).strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
