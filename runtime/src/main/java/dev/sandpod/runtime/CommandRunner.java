package dev.sandpod.runtime;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a host command to completion; the seam between runtime logic and host binaries. */
public interface CommandRunner {
    record Result(int exitCode, String stdout, String stderr) {
    }

    Result run(List<String> argv, Duration timeout) throws IOException;
}
