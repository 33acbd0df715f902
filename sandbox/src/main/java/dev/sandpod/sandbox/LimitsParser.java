package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.state.ByteSizes;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns limits as users write them (memory {@code 64Mi}, cpus {@code 0.5}, pids {@code 100}) into runtime limits. */
final class LimitsParser {
    private static final Pattern CPUS = Pattern.compile("\\d+(\\.\\d{1,3})?");
    private static final Pattern PIDS = Pattern.compile("\\d{1,9}");
    /** Below this a container can't even start its shell: a typo (64 for 64Mi) more likely than an intent. */
    private static final long MIN_MEMORY = 4L << 20;

    private LimitsParser() {
    }

    static ContainerSpec.Limits parse(Optional<String> memory, Optional<String> cpus, Optional<String> pids)
            throws InvalidRequestException {
        ContainerSpec.Limits limits = ContainerSpec.Limits.NONE;
        if (memory.isPresent()) {
            limits = limits.withMemoryBytes(memory(memory.get()));
        }
        if (cpus.isPresent()) {
            limits = limits.withCpuMillis(cpuMillis(cpus.get()));
        }
        if (pids.isPresent()) {
            limits = limits.withPids(pids(pids.get()));
        }
        return limits;
    }

    static long memory(String text) throws InvalidRequestException {
        long bytes;
        try {
            bytes = ByteSizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("memory", "'" + text + "' is not a size",
                    "write it like 64Mi, 512M or 1Gi (binary multiples)");
        }
        if (bytes < MIN_MEMORY) {
            throw new InvalidRequestException("memory", "'" + text + "' is " + bytes + " bytes, below the minimum of 4Mi",
                    "give a unit: 64Mi, not 64");
        }
        return bytes;
    }

    static long cpuMillis(String text) throws InvalidRequestException {
        if (!CPUS.matcher(text.strip()).matches()) {
            throw new InvalidRequestException("cpus", "'" + text + "' is not a number of CPUs",
                    "write it like 0.5 or 2 (at most three decimals)");
        }
        long millis = new BigDecimal(text.strip()).movePointRight(3).longValueExact();
        if (millis < 10) {
            throw new InvalidRequestException("cpus", "'" + text + "' is below the minimum of 0.01", "give at least 0.01");
        }
        return millis;
    }

    static long pids(String text) throws InvalidRequestException {
        if (!PIDS.matcher(text.strip()).matches() || Long.parseLong(text.strip()) < 1) {
            throw new InvalidRequestException("pids-limit", "'" + text + "' is not a positive number of processes",
                    "write it like 100");
        }
        return Long.parseLong(text.strip());
    }
}
