package dev.sandpod.image.tar;

/** What a tar entry makes on disk. */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO;

    /** Whether the archive carries data blocks for this type; all others are header-only. */
    public boolean hasContent() {
        return this == FILE;
    }
}
