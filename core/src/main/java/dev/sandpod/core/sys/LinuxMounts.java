package dev.sandpod.core.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** {@link Mounts} through glibc with the FFM API. */
public final class LinuxMounts implements Mounts {
    private static final MethodHandle MOUNT = Native.errnoCapturing("mount", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    private static final MethodHandle UMOUNT2 = Native.errnoCapturing("umount2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle UNSHARE = Native.errnoCapturing("unshare",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle SETNS = Native.errnoCapturing("setns",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    @Override
    public void mount(String source, String target, String fstype, long flags, String data) throws SyscallException {
        Native.status("mount", source + " on " + target, (arena, state) -> (int) MOUNT.invokeExact(state,
                orNull(arena, source), Native.cString(arena, target), orNull(arena, fstype), flags, orNull(arena, data)));
    }

    @Override
    public void umount2(String target, int flags) throws SyscallException {
        Native.status("umount2", target, (arena, state) ->
                (int) UMOUNT2.invokeExact(state, Native.cString(arena, target), flags));
    }

    @Override
    public void unshare(int flags) throws SyscallException {
        Native.status("unshare", "", (arena, state) -> (int) UNSHARE.invokeExact(state, flags));
    }

    @Override
    public void setns(int fd, int nstype) throws SyscallException {
        Native.status("setns", "fd " + fd, (arena, state) -> (int) SETNS.invokeExact(state, fd, nstype));
    }

    private static MemorySegment orNull(Arena arena, String text) {
        return text == null ? MemorySegment.NULL : Native.cString(arena, text);
    }
}
