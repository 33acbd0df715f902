package dev.sandpod.sandbox;

import java.util.Optional;

/**
 * New limits for {@code sandpod update}, as the user wrote them (memory {@code 64Mi}, cpus {@code 0.5}, pids
 * {@code 100}); a limit left empty keeps its current value.
 */
public record LimitsUpdate(Optional<String> memory, Optional<String> cpus, Optional<String> pids) {
    public static final LimitsUpdate NONE = new LimitsUpdate(Optional.empty(), Optional.empty(), Optional.empty());

    public LimitsUpdate memory(String value) {
        return new LimitsUpdate(Optional.of(value), cpus, pids);
    }

    public LimitsUpdate cpus(String value) {
        return new LimitsUpdate(memory, Optional.of(value), pids);
    }

    public LimitsUpdate pids(String value) {
        return new LimitsUpdate(memory, cpus, Optional.of(value));
    }

    boolean isEmpty() {
        return memory.isEmpty() && cpus.isEmpty() && pids.isEmpty();
    }
}
