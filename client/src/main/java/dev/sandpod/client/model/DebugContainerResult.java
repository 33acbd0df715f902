package dev.sandpod.client.model;

/**
 * A debug container that started ({@code POST /v1/sandboxes/{name}/debug}).
 *
 * @param sandbox the sandbox's name
 * @param id      the container's id
 * @param name    its name in the sandbox (for stop, rm and logs)
 * @param target  the container whose PID namespace it joined
 */
public record DebugContainerResult(String sandbox, String id, String name, String target) {
}
