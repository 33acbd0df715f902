package dev.sandpod.image.tar;

import java.io.IOException;

/** A tar stream that breaks the format: the message names the entry and the byte offset of the problem. */
public final class CorruptArchiveException extends IOException {
    private final String entryName;
    private final long offset;

    public CorruptArchiveException(String problem, String entryName, long offset) {
        super("corrupt tar archive at byte " + offset
                + (entryName.isEmpty() ? "" : " (entry '" + entryName + "')") + ": " + problem);
        this.entryName = entryName;
        this.offset = offset;
    }

    /** The entry being read, or empty if the header itself could not be read. */
    public String entryName() {
        return entryName;
    }

    public long offset() {
        return offset;
    }
}
