package dev.sandpod.sandbox;

/** What {@link SandboxService#run} made: the sandbox's id and name, and its main container's IP. */
public record RunResult(String id, String name, String ip) {
}
