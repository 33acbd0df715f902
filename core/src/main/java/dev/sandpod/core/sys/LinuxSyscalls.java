package dev.sandpod.core.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Syscalls} through glibc, called with the FFM API (x86_64 Linux). */
public final class LinuxSyscalls implements Syscalls {
    private static final long SYS_OPENAT2 = 437;
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    private static final long SYS_PIDFD_OPEN = 434;
    private static final int STATX_BASIC_STATS = 0x7ff;
    /** sizeof(struct statx) in linux/stat.h; the kernel fills at most this much. */
    private static final long STATX_SIZE = 256;
    private static final int PATH_MAX = 4096;

    // syscall(2) is variadic: every argument after the number is passed as a full 64-bit word.
    private static final MethodHandle SYSCALL4 = Native.errnoCapturing("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle SYSCALL_LONGS = Native.errnoCapturing("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));
    private static final MethodHandle MKDIRAT = Native.errnoCapturing("mkdirat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT = Native.errnoCapturing("unlinkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RENAMEAT = Native.errnoCapturing("renameat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle SYMLINKAT = Native.errnoCapturing("symlinkat",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle READLINKAT = Native.errnoCapturing("readlinkat",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle STATX = Native.errnoCapturing("statx",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle FCHMOD = Native.errnoCapturing("fchmod",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = Native.errnoCapturing("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle MKNODAT = Native.errnoCapturing("mknodat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
    private static final MethodHandle LINKAT = Native.errnoCapturing("linkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FCHOWNAT = Native.errnoCapturing("fchownat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle FCHMODAT = Native.errnoCapturing("fchmodat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle UTIMENSAT = Native.errnoCapturing("utimensat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle LSETXATTR = Native.errnoCapturing("lsetxattr",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle LGETXATTR = Native.errnoCapturing("lgetxattr",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle LLISTXATTR = Native.errnoCapturing("llistxattr",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));

    @Override
    public int openat2(int dirfd, String path, long flags, long mode, long resolve) throws SyscallException {
        return Native.withState("openat2", (arena, state) -> {
            MemorySegment how = arena.allocate(JAVA_LONG, 3);
            how.setAtIndex(JAVA_LONG, 0, flags);
            how.setAtIndex(JAVA_LONG, 1, mode);
            how.setAtIndex(JAVA_LONG, 2, resolve);
            long fd = (long) SYSCALL4.invokeExact(state, SYS_OPENAT2, (long) dirfd,
                    Native.cString(arena, path), how, how.byteSize());
            if (fd < 0) {
                throw Native.failure("openat2", path, state);
            }
            return (int) fd;
        });
    }

    @Override
    public void close(int fd) throws SyscallException {
        Native.status("close", "fd " + fd, (arena, state) -> (int) CLOSE.invokeExact(state, fd));
    }

    @Override
    public void mknodat(int dirfd, String name, int mode, long dev) throws SyscallException {
        Native.status("mknodat", name, (arena, state) ->
                (int) MKNODAT.invokeExact(state, dirfd, Native.cString(arena, name), mode, dev));
    }

    @Override
    public void linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) throws SyscallException {
        Native.status("linkat", oldpath + " -> " + newpath, (arena, state) -> (int) LINKAT.invokeExact(state,
                olddirfd, Native.cString(arena, oldpath), newdirfd, Native.cString(arena, newpath), flags));
    }

    @Override
    public void fchownat(int dirfd, String path, long uid, long gid, int flags) throws SyscallException {
        // uid_t and gid_t are unsigned 32-bit: the narrowing keeps their bits.
        Native.status("fchownat", path, (arena, state) ->
                (int) FCHOWNAT.invokeExact(state, dirfd, Native.cString(arena, path), (int) uid, (int) gid, flags));
    }

    @Override
    public void fchmodat(int dirfd, String path, int mode) throws SyscallException {
        Native.status("fchmodat", path, (arena, state) ->
                (int) FCHMODAT.invokeExact(state, dirfd, Native.cString(arena, path), mode, 0));
    }

    @Override
    public void utimensat(int dirfd, String path, Instant atime, Instant mtime, int flags) throws SyscallException {
        Native.status("utimensat", path, (arena, state) -> {
            MemorySegment times = arena.allocate(JAVA_LONG, 4);
            times.setAtIndex(JAVA_LONG, 0, atime.getEpochSecond());
            times.setAtIndex(JAVA_LONG, 1, atime.getNano());
            times.setAtIndex(JAVA_LONG, 2, mtime.getEpochSecond());
            times.setAtIndex(JAVA_LONG, 3, mtime.getNano());
            return (int) UTIMENSAT.invokeExact(state, dirfd, Native.cString(arena, path), times, flags);
        });
    }

    @Override
    public void lsetxattr(String path, String name, byte[] value) throws SyscallException {
        Native.status("lsetxattr", path + " " + name, (arena, state) -> {
            MemorySegment bytes = value.length == 0 ? arena.allocate(1) : arena.allocateFrom(JAVA_BYTE, value);
            return (int) LSETXATTR.invokeExact(state, Native.cString(arena, path), Native.cString(arena, name),
                    bytes, (long) value.length, 0);
        });
    }

    @Override
    public Optional<byte[]> lgetxattr(String path, String name) throws SyscallException {
        return Native.withState("lgetxattr", (arena, state) -> {
            MemorySegment cPath = Native.cString(arena, path);
            MemorySegment cName = Native.cString(arena, name);
            // Ask for the size, then read; retry if the value grew in between (ERANGE).
            while (true) {
                long size = (long) LGETXATTR.invokeExact(state, cPath, cName, MemorySegment.NULL, 0L);
                if (size < 0) {
                    return absentOrThrow(state, path, name);
                }
                MemorySegment buffer = arena.allocate(Math.max(size, 1));
                long read = (long) LGETXATTR.invokeExact(state, cPath, cName, buffer, size);
                if (read >= 0) {
                    return Optional.of(buffer.asSlice(0, read).toArray(JAVA_BYTE));
                }
                if (Native.errno(state) != Errno.ERANGE) {
                    return absentOrThrow(state, path, name);
                }
            }
        });
    }

    @Override
    public List<String> llistxattr(String path) throws SyscallException {
        return Native.withState("llistxattr", (arena, state) -> {
            MemorySegment cPath = Native.cString(arena, path);
            while (true) {
                long size = (long) LLISTXATTR.invokeExact(state, cPath, MemorySegment.NULL, 0L);
                if (size < 0) {
                    throw Native.failure("llistxattr", path, state);
                }
                MemorySegment buffer = arena.allocate(Math.max(size, 1));
                long read = (long) LLISTXATTR.invokeExact(state, cPath, buffer, size);
                if (read >= 0) {
                    return splitNames(buffer.asSlice(0, read).toArray(JAVA_BYTE));
                }
                if (Native.errno(state) != Errno.ERANGE) {
                    throw Native.failure("llistxattr", path, state);
                }
            }
        });
    }

    @Override
    public void mkdirat(int dirfd, String name, int mode) throws SyscallException {
        Native.status("mkdirat", name, (arena, state) ->
                (int) MKDIRAT.invokeExact(state, dirfd, Native.cString(arena, name), mode));
    }

    @Override
    public void unlinkat(int dirfd, String name, int flags) throws SyscallException {
        Native.status("unlinkat", name, (arena, state) ->
                (int) UNLINKAT.invokeExact(state, dirfd, Native.cString(arena, name), flags));
    }

    @Override
    public void renameat(int olddirfd, String oldname, int newdirfd, String newname) throws SyscallException {
        Native.status("renameat", oldname + " -> " + newname, (arena, state) -> (int) RENAMEAT.invokeExact(state,
                olddirfd, Native.cString(arena, oldname), newdirfd, Native.cString(arena, newname)));
    }

    @Override
    public void symlinkat(String target, int dirfd, String name) throws SyscallException {
        Native.status("symlinkat", name + " -> " + target, (arena, state) ->
                (int) SYMLINKAT.invokeExact(state, Native.cString(arena, target), dirfd, Native.cString(arena, name)));
    }

    @Override
    public String readlinkat(int dirfd, String path) throws SyscallException {
        return Native.withState("readlinkat", (arena, state) -> {
            MemorySegment cPath = Native.cString(arena, path);
            // symlinkat keeps targets under PATH_MAX; grow anyway rather than return a cut one.
            for (long size = PATH_MAX; ; size *= 2) {
                MemorySegment buffer = arena.allocate(size);
                long n = (long) READLINKAT.invokeExact(state, dirfd, cPath, buffer, size);
                if (n < 0) {
                    throw Native.failure("readlinkat", path, state);
                }
                if (n < size) {
                    return new String(buffer.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
                }
            }
        });
    }

    @Override
    public FileStat statx(int dirfd, String path, int flags) throws SyscallException {
        return Native.withState("statx", (arena, state) -> {
            MemorySegment buf = arena.allocate(STATX_SIZE, 8);
            int rc = (int) STATX.invokeExact(state, dirfd, Native.cString(arena, path), flags, STATX_BASIC_STATS, buf);
            if (rc < 0) {
                throw Native.failure("statx", path, state);
            }
            return statxFields(buf);
        });
    }

    /** struct statx (linux/stat.h): the offsets of the fields sandpod reads. */
    private static FileStat statxFields(MemorySegment b) {
        long nlink = Integer.toUnsignedLong(b.get(JAVA_INT, 16));
        long uid = Integer.toUnsignedLong(b.get(JAVA_INT, 20));
        long gid = Integer.toUnsignedLong(b.get(JAVA_INT, 24));
        int mode = Short.toUnsignedInt(b.get(java.lang.foreign.ValueLayout.JAVA_SHORT, 28));
        long ino = b.get(JAVA_LONG, 32);
        long size = b.get(JAVA_LONG, 40);
        Instant mtime = Instant.ofEpochSecond(b.get(JAVA_LONG, 112), Integer.toUnsignedLong(b.get(JAVA_INT, 120)));
        long rdev = Syscalls.makedev(Integer.toUnsignedLong(b.get(JAVA_INT, 128)), Integer.toUnsignedLong(b.get(JAVA_INT, 132)));
        long dev = Syscalls.makedev(Integer.toUnsignedLong(b.get(JAVA_INT, 136)), Integer.toUnsignedLong(b.get(JAVA_INT, 140)));
        return new FileStat(mode, uid, gid, size, nlink, mtime, ino, dev, rdev);
    }

    @Override
    public void fchmod(int fd, int mode) throws SyscallException {
        Native.status("fchmod", "fd " + fd, (arena, state) -> (int) FCHMOD.invokeExact(state, fd, mode));
    }

    @Override
    public int pidfdOpen(long pid) throws SyscallException {
        return Native.withState("pidfd_open", (arena, state) -> {
            long fd = (long) SYSCALL_LONGS.invokeExact(state, SYS_PIDFD_OPEN, pid, 0L, 0L, 0L);
            if (fd < 0) {
                throw Native.failure("pidfd_open", "pid " + pid, state);
            }
            return (int) fd;
        });
    }

    @Override
    public void pidfdSendSignal(int pidfd, int signal) throws SyscallException {
        Native.withState("pidfd_send_signal", (arena, state) -> {
            long rc = (long) SYSCALL_LONGS.invokeExact(state, SYS_PIDFD_SEND_SIGNAL, (long) pidfd, (long) signal, 0L, 0L);
            if (rc < 0) {
                throw Native.failure("pidfd_send_signal", "pidfd " + pidfd, state);
            }
            return null;
        });
    }

    private static Optional<byte[]> absentOrThrow(MemorySegment state, String path, String name)
            throws SyscallException {
        if (Native.errno(state) == Errno.ENODATA) {
            return Optional.empty();
        }
        throw Native.failure("lgetxattr", path + " " + name, state);
    }

    /** The kernel returns names as NUL-terminated strings back to back. */
    private static List<String> splitNames(byte[] names) {
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i] == 0) {
                result.add(new String(names, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return List.copyOf(result);
    }
}
