package dev.sandpod.cli;

import picocli.CommandLine.Option;

/** The resource limit options that run, update and debug share; the daemon validates the strings. */
final class LimitOptions {
    @Option(names = "--memory", paramLabel = "SIZE", description = "Memory limit, like 64Mi or 1g.")
    String memory;

    @Option(names = "--cpus", paramLabel = "CPUS", description = "CPU limit, like 0.5.")
    String cpus;

    @Option(names = "--pids-limit", paramLabel = "N", description = "Most processes at once.")
    String pids;

    boolean any() {
        return memory != null || cpus != null || pids != null;
    }
}
