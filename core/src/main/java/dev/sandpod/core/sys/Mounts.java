package dev.sandpod.core.sys;

/**
 * Mount and namespace calls: overlay root filesystems, bind mounts that pin namespaces, and entering or
 * leaving namespaces. Namespace calls act on the calling thread only; callers run them on a platform thread
 * of their own. {@link LinuxMounts} is the real implementation.
 */
public interface Mounts {
    long MS_RDONLY = 1;
    long MS_NOSUID = 2;
    long MS_NODEV = 4;
    long MS_NOEXEC = 8;
    long MS_REMOUNT = 32;
    long MS_BIND = 4096;
    long MS_MOVE = 8192;
    long MS_REC = 16384;
    long MS_PRIVATE = 1 << 18;
    long MS_SLAVE = 1 << 19;
    long MS_SHARED = 1 << 20;

    int MNT_FORCE = 1;
    int MNT_DETACH = 2;
    int UMOUNT_NOFOLLOW = 8;

    int CLONE_NEWNS = 0x00020000;
    int CLONE_NEWUTS = 0x04000000;
    int CLONE_NEWIPC = 0x08000000;
    int CLONE_NEWNET = 0x40000000;

    /** mount(2); {@code fstype} and {@code data} may be null. */
    void mount(String source, String target, String fstype, long flags, String data) throws SyscallException;

    /** umount2(2). */
    void umount2(String target, int flags) throws SyscallException;

    /** unshare(2) for the calling thread. */
    void unshare(int flags) throws SyscallException;

    /** setns(2): moves the calling thread into the namespace {@code fd} refers to. */
    void setns(int fd, int nstype) throws SyscallException;
}
