package dev.sandpod.client.model;

/**
 * How an exec ended. The command's own failures are results: its exit code, 127 (not found) or 126 (can't be
 * executed) with {@code startFailure} saying why, 124 with {@code timedOut} (the whole tree was killed), 137 with
 * {@code killed}. {@code stdout}/{@code stderr} hold the head and tail of each stream in {@code encoding};
 * {@code *DroppedBytes} says how much of the middle was cut to keep within the output limit.
 *
 * @param instance the container instance the command ran in (pass it back as expectInstance)
 */
public record ExecCommandResult(String execId, String container, int instance, int exitCode, boolean timedOut,
                                boolean killed, String startFailure, String stdout, String stderr, String encoding,
                                long stdoutBytes, long stderrBytes, long stdoutDroppedBytes, long stderrDroppedBytes,
                                long durationMs) {
}
