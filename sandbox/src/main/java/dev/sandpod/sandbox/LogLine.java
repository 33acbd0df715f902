package dev.sandpod.sandbox;

/** One line of a container's output from its CRI log: the time conmon stamped, stdout or stderr, the text. */
public record LogLine(String time, String stream, String text) {
}
