package dev.sandpod.core.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** Looks up glibc functions as downcall handles that capture errno, and turns errno into text. */
final class Native {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("strerror"),
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Native() {
    }

    /** A handle whose first parameter is the capture-state segment made by {@link #captureState}. */
    static MethodHandle errnoCapturing(String symbol, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(symbol), descriptor, all);
    }

    static MemorySegment captureState(SegmentAllocator arena) {
        return arena.allocate(CAPTURE_LAYOUT);
    }

    static int errno(MemorySegment captureState) {
        return (int) ERRNO.get(captureState, 0L);
    }

    static SyscallException failure(String call, String path, MemorySegment captureState) {
        int errno = errno(captureState);
        return new SyscallException(call, path, errno, strerror(errno));
    }

    /** One native call made with a fresh confined arena and capture state. */
    @FunctionalInterface
    interface Body<T> {
        T run(Arena arena, MemorySegment state) throws Throwable;
    }

    /** A call returning an int status: negative means failure with errno. */
    @FunctionalInterface
    interface StatusCall {
        int run(Arena arena, MemorySegment state) throws Throwable;
    }

    /** Runs a call whose negative result is a failure; returns the non-negative result. */
    static int status(String call, String what, StatusCall body) throws SyscallException {
        return withState(call, (arena, state) -> {
            int rc = body.run(arena, state);
            if (rc < 0) {
                throw failure(call, what, state);
            }
            return rc;
        });
    }

    /**
     * Runs a body that may throw {@link SyscallException} itself; any other throwable is a failure of the FFM
     * call itself (a programming error, not an I/O condition).
     */
    static <T> T withState(String call, Body<T> body) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            return body.run(arena, captureState(arena));
        } catch (SyscallException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("native call " + call + " failed", t);
        }
    }

    static MemorySegment cString(Arena arena, String text) {
        return arena.allocateFrom(text);
    }

    private static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw new IllegalStateException("strerror failed", t);
        }
    }
}
