package dev.sandpod.client.model;

/** What {@code POST /v1/sandboxes} made: the sandbox's id and name, and its main container's IP. */
public record RunSandboxResult(String id, String name, String ip) {
}
