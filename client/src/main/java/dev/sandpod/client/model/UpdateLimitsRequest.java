package dev.sandpod.client.model;

/**
 * The body of {@code POST /v1/sandboxes/{name}/update}: new limits for the main container; a null one keeps its
 * value, at least one must be given.
 *
 * @param memory like 64Mi; cpus like 0.5; pids like 100
 */
public record UpdateLimitsRequest(String memory, String cpus, String pids) {
}
