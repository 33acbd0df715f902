package dev.sandpod.client.model;

/**
 * One file in a container, as {@code stat} and {@code list} describe it.
 *
 * @param path       its path in the container, as asked for (symlinks not resolved)
 * @param name       its last component ("/" for the root)
 * @param type       file, directory, symlink, fifo, socket, char-device or block-device
 * @param mode       permission bits in octal, with setuid, setgid and sticky: "0644", "4755"
 * @param modified   ISO-8601 instant
 * @param linkTarget a symlink's target as stored; null for other types
 */
public record FileInfo(String path, String name, String type, long size, String mode, long uid, long gid, String modified,
                       String linkTarget) {
    /** The permission bits as a number. */
    public int modeBits() {
        return Integer.parseInt(mode, 8);
    }
}
