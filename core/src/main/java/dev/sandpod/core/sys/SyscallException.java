package dev.sandpod.core.sys;

import java.io.IOException;

/** A failed system call: which call, on which path, and the errno it returned. */
public final class SyscallException extends IOException {
    private final String call;
    private final String path;
    private final int errno;

    public SyscallException(String call, String path, int errno, String strerror) {
        super(call + "(" + path + ") failed: " + Errno.name(errno) + " (" + strerror + ")");
        this.call = call;
        this.path = path;
        this.errno = errno;
    }

    public String call() {
        return call;
    }

    public String path() {
        return path;
    }

    public int errno() {
        return errno;
    }

    /** The symbolic errno, such as {@code ENOENT}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    public boolean is(int expectedErrno) {
        return errno == expectedErrno;
    }
}
