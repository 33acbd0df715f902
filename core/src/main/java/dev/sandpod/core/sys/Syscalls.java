package dev.sandpod.core.sys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The few Linux calls sandpod makes that the JDK has no safe form of: fd-relative, no-follow file operations.
 * Paths are passed as UTF-8; every failure is a {@link SyscallException} carrying errno.
 * {@link LinuxSyscalls} is the real implementation; tests of callers may substitute a fake.
 */
public interface Syscalls {
    int AT_FDCWD = -100;

    long O_RDONLY = 0;
    long O_WRONLY = 01;
    long O_CREAT = 0100;
    long O_EXCL = 0200;
    long O_NOCTTY = 0400;
    long O_TRUNC = 01000;
    long O_NONBLOCK = 04000;
    long O_DIRECTORY = 0200000;
    long O_NOFOLLOW = 0400000;
    long O_CLOEXEC = 02000000;
    long O_PATH = 010000000;

    /** openat2 resolve flags (linux/openat2.h). */
    long RESOLVE_NO_XDEV = 0x01;
    long RESOLVE_NO_MAGICLINKS = 0x02;
    long RESOLVE_NO_SYMLINKS = 0x04;
    long RESOLVE_BENEATH = 0x08;
    long RESOLVE_IN_ROOT = 0x10;

    int AT_SYMLINK_NOFOLLOW = 0x100;
    int AT_REMOVEDIR = 0x200;
    int AT_SYMLINK_FOLLOW = 0x400;
    int AT_EMPTY_PATH = 0x1000;

    int S_IFMT = 0170000;
    int S_IFIFO = 0010000;
    int S_IFCHR = 0020000;
    int S_IFDIR = 0040000;
    int S_IFBLK = 0060000;
    int S_IFREG = 0100000;
    int S_IFLNK = 0120000;

    /** openat2(2): opens {@code path} relative to {@code dirfd} with {@code struct open_how{flags, mode, resolve}}. */
    int openat2(int dirfd, String path, long flags, long mode, long resolve) throws SyscallException;

    void close(int fd) throws SyscallException;

    /** mknodat(2); {@code mode} includes the file type ({@link #S_IFCHR} ...), {@code dev} is from {@link #makedev}. */
    void mknodat(int dirfd, String name, int mode, long dev) throws SyscallException;

    /** linkat(2); with {@link #AT_EMPTY_PATH} and an empty {@code oldpath}, links the inode {@code olddirfd} refers to. */
    void linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) throws SyscallException;

    /** fchownat(2); pass {@link #AT_SYMLINK_NOFOLLOW} to change a symlink itself. */
    void fchownat(int dirfd, String path, long uid, long gid, int flags) throws SyscallException;

    /** fchmodat(2) without flags: never call it on a symlink, as it would follow it. */
    void fchmodat(int dirfd, String path, int mode) throws SyscallException;

    /** utimensat(2) setting both access and modification time; pass {@link #AT_SYMLINK_NOFOLLOW} for a symlink. */
    void utimensat(int dirfd, String path, Instant atime, Instant mtime, int flags) throws SyscallException;

    /** lsetxattr(2): sets an extended attribute on {@code path} itself, never on a symlink's target. */
    void lsetxattr(String path, String name, byte[] value) throws SyscallException;

    /** lgetxattr(2): the attribute's value, or empty if the file has no such attribute (ENODATA). */
    Optional<byte[]> lgetxattr(String path, String name) throws SyscallException;

    /** llistxattr(2): the names of the attributes set on {@code path} itself. */
    List<String> llistxattr(String path) throws SyscallException;

    /** mkdirat(2): the mode is reduced by the process umask; set the exact mode afterwards if it matters. */
    void mkdirat(int dirfd, String name, int mode) throws SyscallException;

    /** unlinkat(2): removes the name itself (never what a symlink points to); {@link #AT_REMOVEDIR} for a directory. */
    void unlinkat(int dirfd, String name, int flags) throws SyscallException;

    /** renameat(2): atomically replaces whatever non-directory is at the new name. */
    void renameat(int olddirfd, String oldname, int newdirfd, String newname) throws SyscallException;

    /** symlinkat(2): makes {@code name} a symlink holding {@code target} (not checked or resolved). */
    void symlinkat(String target, int dirfd, String name) throws SyscallException;

    /** readlinkat(2); an empty {@code path} with an O_PATH|O_NOFOLLOW fd of a symlink reads that symlink. */
    String readlinkat(int dirfd, String path) throws SyscallException;

    /**
     * statx(2) for the basic fields; {@link #AT_SYMLINK_NOFOLLOW} describes a symlink itself, {@link #AT_EMPTY_PATH}
     * with an empty path describes what {@code dirfd} refers to.
     */
    FileStat statx(int dirfd, String path, int flags) throws SyscallException;

    /** fchmod(2) of an fd opened for reading or writing (not O_PATH). */
    void fchmod(int fd, int mode) throws SyscallException;

    /** pidfd_open(2): an fd that keeps referring to this process, never to a later one with its pid. */
    int pidfdOpen(long pid) throws SyscallException;

    /** pidfd_send_signal(2); signal 0 only checks that the process is still alive (ESRCH once it has exited). */
    void pidfdSendSignal(int pidfd, int signal) throws SyscallException;

    /** glibc's gnu_dev_makedev: major and minor split across the 64-bit dev_t. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** The path through which a process reaches what {@code fd} refers to, for calls that have no *at form. */
    static String procPath(int fd) {
        return "/proc/self/fd/" + fd;
    }
}
