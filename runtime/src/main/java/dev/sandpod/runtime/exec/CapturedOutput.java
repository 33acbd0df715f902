package dev.sandpod.runtime.exec;

/**
 * What was kept of one output stream: {@code bytes} is its head followed by its tail, {@code droppedBytes} the
 * number of bytes cut from between them (0 when the stream fit its limit).
 */
public record CapturedOutput(byte[] bytes, long totalBytes, long droppedBytes) {
    public static final CapturedOutput EMPTY = new CapturedOutput(new byte[0], 0, 0);

    public boolean truncated() {
        return droppedBytes > 0;
    }
}
