package dev.sandpod.client.model;

/** One line of a container's output, a line of {@code GET /v1/sandboxes/{name}/logs}' NDJSON stream. */
public record LogEntry(String time, String stream, String text) {
}
