package dev.sandpod.runtime.files;

/** What unpacking an archive made: how many entries, and the bytes of file content written. */
public record ExtractResult(long entries, long bytes) {
}
