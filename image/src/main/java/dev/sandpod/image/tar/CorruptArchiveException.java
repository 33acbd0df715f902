package dev.sandpod.image.tar;

import java.io.IOException;

/** A tar stream that breaks the format: the message names the entry and the byte offset of the problem. */
public final class CorruptArchiveException extends IOException {
    private final String entryName;
    private final long offset;

    public CorruptArchiveException(String problem, String entryName, long offset) {
        super("corrupt tar archive at byte " + offset
                + (entryName.isEmpty() ? "" : " (entry '" + printable(entryName) + "')") + ": " + problem);
        this.entryName = entryName;
        this.offset = offset;
    }

    /** Garbage read as a name (a file that is not a tar at all) must not flood the terminal. */
    private static String printable(String name) {
        String shown = name.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }

    /** The entry being read, or empty if the header itself could not be read. */
    public String entryName() {
        return entryName;
    }

    public long offset() {
        return offset;
    }
}
