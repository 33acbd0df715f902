package dev.sandpod.client.model;

/**
 * One line of {@code GET /v1/sandboxes}.
 *
 * @param desired  running, stopped or removing
 * @param state    the main container's state with its reason, like {@code Waiting: CrashLoopBackOff}
 * @param ip       null while the sandbox has no network
 * @param created  ISO-8601 instant
 */
public record SandboxSummary(String id, String name, String image, String desired, String state, int restarts,
                             String ip, String created) {
}
