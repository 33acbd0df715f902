package dev.sandpod.core.crypto;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.security.MessageDigest;

/** SHA-256 through libcrypto's EVP interface. Like any MessageDigest, one thread at a time. */
final class NativeSha256 extends MessageDigest {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int LENGTH = 32;
    private final LibCrypto.Handles h = LibCrypto.handles();
    private final MemorySegment ctx;
    private final MemorySegment md;

    NativeSha256() {
        super("SHA-256");
        try {
            ctx = (MemorySegment) h.ctxNew().invokeExact();
            md = (MemorySegment) h.sha256().invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypto EVP_MD_CTX_new failed", t);
        }
        if (ctx.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("libcrypto could not allocate a digest context");
        }
        MemorySegment context = ctx;
        LibCrypto.Handles handles = h;
        CLEANER.register(this, () -> free(handles, context));
        init();
    }

    private static void free(LibCrypto.Handles handles, MemorySegment context) {
        try {
            handles.ctxFree().invokeExact(context);
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypto EVP_MD_CTX_free failed", t);
        }
    }

    private void init() {
        int ok;
        try {
            ok = (int) h.init().invokeExact(ctx, md, LibCrypto.nullPointer());
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypto EVP_DigestInit_ex failed", t);
        }
        if (ok != 1) {
            throw new IllegalStateException("libcrypto EVP_DigestInit_ex returned " + ok);
        }
    }

    @Override
    protected int engineGetDigestLength() {
        return LENGTH;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (len == 0) {
            return;
        }
        int ok;
        try {
            ok = (int) h.update().invokeExact(ctx, MemorySegment.ofArray(input).asSlice(offset, len), (long) len);
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypto EVP_DigestUpdate failed", t);
        }
        if (ok != 1) {
            throw new IllegalStateException("libcrypto EVP_DigestUpdate returned " + ok);
        }
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = new byte[LENGTH];
        int ok;
        try {
            ok = (int) h.finish().invokeExact(ctx, MemorySegment.ofArray(out), LibCrypto.nullPointer());
        } catch (Throwable t) {
            throw new IllegalStateException("libcrypto EVP_DigestFinal_ex failed", t);
        }
        if (ok != 1) {
            throw new IllegalStateException("libcrypto EVP_DigestFinal_ex returned " + ok);
        }
        init();
        return out;
    }

    @Override
    protected void engineReset() {
        init();
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        throw new CloneNotSupportedException("a native SHA-256 context can't be cloned");
    }
}
