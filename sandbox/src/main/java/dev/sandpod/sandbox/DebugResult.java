package dev.sandpod.sandbox;

/**
 * A debug container that started.
 *
 * @param id        the container's id (its cgroup and log live under it)
 * @param name      its name in the sandbox (for stopDebug, removeDebug, logs)
 * @param target    the container whose PID namespace it joined
 * @param targetPid the target's init process on the host when the debug container joined it
 */
public record DebugResult(String sandbox, String id, String name, String target, long targetPid) {
}
