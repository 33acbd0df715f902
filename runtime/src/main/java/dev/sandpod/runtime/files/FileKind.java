package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.Syscalls;

/** What a directory entry is, by its mode's file type bits; {@link #wireName()} is how the API spells it. */
public enum FileKind {
    FILE("file"), DIRECTORY("directory"), SYMLINK("symlink"), FIFO("fifo"), SOCKET("socket"),
    CHAR_DEVICE("char-device"), BLOCK_DEVICE("block-device");

    private static final int S_IFSOCK = 0140000;
    private final String wireName;

    FileKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static FileKind of(int mode) {
        return switch (mode & Syscalls.S_IFMT) {
            case Syscalls.S_IFREG -> FILE;
            case Syscalls.S_IFDIR -> DIRECTORY;
            case Syscalls.S_IFLNK -> SYMLINK;
            case Syscalls.S_IFIFO -> FIFO;
            case Syscalls.S_IFCHR -> CHAR_DEVICE;
            case Syscalls.S_IFBLK -> BLOCK_DEVICE;
            case S_IFSOCK -> SOCKET;
            default -> throw new IllegalArgumentException("unknown file type in mode " + Integer.toOctalString(mode));
        };
    }
}
