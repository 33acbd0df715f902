package dev.sandpod.client.model;

/**
 * The main container's limits in force after {@code POST /v1/sandboxes/{name}/update}; null means unlimited.
 *
 * @param cpuMillis the CPU limit in thousandths of a CPU
 */
public record LimitsInfo(String sandbox, Long memoryBytes, Long cpuMillis, Long pids) {
}
