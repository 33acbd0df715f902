package dev.sandpod.core.sys;

import java.time.Instant;

/**
 * What statx(2) says about one file.
 *
 * @param mode  file type bits ({@link Syscalls#S_IFMT}) and permission bits
 * @param dev   the device of the file system holding it, as {@link Syscalls#makedev} packs it
 * @param rdev  for a device file, its device number; 0 otherwise
 */
public record FileStat(int mode, long uid, long gid, long size, long nlink, Instant mtime, long ino, long dev, long rdev) {
    public int type() {
        return mode & Syscalls.S_IFMT;
    }

    /** Permission bits with setuid, setgid and sticky. */
    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return type() == Syscalls.S_IFDIR;
    }

    public boolean isRegularFile() {
        return type() == Syscalls.S_IFREG;
    }

    public boolean isSymlink() {
        return type() == Syscalls.S_IFLNK;
    }
}
