package dev.sandpod.runtime.exec;

/**
 * Keeps at most {@code limit} bytes of a stream: the first half and the last half, counting what fell out of the
 * middle. Callers parse JSON from a command's start and read its errors at its end, so both ends are worth more
 * than either alone; memory stays bounded whatever the command prints. Not thread-safe.
 */
public final class HeadTailBuffer {
    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    /** Bytes ever written to the tail ring; the ring holds the last min(tailWritten, tail.length) of them. */
    private long tailWritten;
    private long total;

    public HeadTailBuffer(long limit) {
        if (limit < 0 || limit > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("output limit " + limit + " is out of range");
        }
        int headSize = (int) ((limit + 1) / 2);
        this.head = new byte[headSize];
        this.tail = new byte[(int) limit - headSize];
    }

    public void write(byte[] bytes, int offset, int length) {
        total += length;
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        offset += toHead;
        length -= toHead;
        if (length == 0 || tail.length == 0) {
            return;
        }
        if (length > tail.length) {
            // only the last tail.length bytes of this write can survive
            tailWritten += length - tail.length;
            offset += length - tail.length;
            length = tail.length;
        }
        int at = (int) (tailWritten % tail.length);
        int first = Math.min(length, tail.length - at);
        System.arraycopy(bytes, offset, tail, at, first);
        System.arraycopy(bytes, offset + first, tail, 0, length - first);
        tailWritten += length;
    }

    public long totalBytes() {
        return total;
    }

    public long droppedBytes() {
        return total - headLength - Math.min(tailWritten, tail.length);
    }

    /** The kept bytes, head then tail, with nothing marking the gap (see {@link #droppedBytes()}). */
    public CapturedOutput captured() {
        int kept = (int) Math.min(tailWritten, tail.length);
        byte[] out = new byte[headLength + kept];
        System.arraycopy(head, 0, out, 0, headLength);
        if (kept < tail.length || tail.length == 0) {
            System.arraycopy(tail, 0, out, headLength, kept);
        } else {
            int start = (int) (tailWritten % tail.length);
            System.arraycopy(tail, start, out, headLength, tail.length - start);
            System.arraycopy(tail, 0, out, headLength + tail.length - start, start);
        }
        return new CapturedOutput(out, total, droppedBytes());
    }
}
