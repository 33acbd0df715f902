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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.captureState(arena);
            int rc = (int) MOUNT.invokeExact(state, orNull(arena, source), Native.cString(arena, target),
                    orNull(arena, fstype), flags, orNull(arena, data));
            check(rc, "mount", source + " on " + target, state);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call mount failed", t);
        }
    }

    @Override
    public void umount2(String target, int flags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.captureState(arena);
            check((int) UMOUNT2.invokeExact(state, Native.cString(arena, target), flags), "umount2", target, state);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call umount2 failed", t);
        }
    }

    @Override
    public void unshare(int flags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.captureState(arena);
            check((int) UNSHARE.invokeExact(state, flags), "unshare", "", state);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call unshare failed", t);
        }
    }

    @Override
    public void setns(int fd, int nstype) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Native.captureState(arena);
            check((int) SETNS.invokeExact(state, fd, nstype), "setns", "fd " + fd, state);
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call setns failed", t);
        }
    }

    private static MemorySegment orNull(Arena arena, String text) {
        return text == null ? MemorySegment.NULL : Native.cString(arena, text);
    }

    private static void check(int rc, String call, String what, MemorySegment state) throws SyscallException {
        if (rc < 0) {
            throw Native.failure(call, what, state);
        }
    }
}
