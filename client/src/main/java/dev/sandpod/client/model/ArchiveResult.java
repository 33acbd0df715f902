package dev.sandpod.client.model;

/** What unpacking an archive into a container made: entries, and bytes of file content written. */
public record ArchiveResult(String path, long entries, long bytes) {
}
