package dev.sandpod.core.crypto;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/** The few libcrypto (OpenSSL 3) functions sandpod calls through FFM; absent libcrypto means the JDK's code is used. */
final class LibCrypto {
    private static final Handles HANDLES = load().orElse(null);

    record Handles(MethodHandle ctxNew, MethodHandle ctxFree, MethodHandle sha256, MethodHandle init,
                   MethodHandle update, MethodHandle finish) {
    }

    private LibCrypto() {
    }

    static boolean available() {
        return HANDLES != null && !Boolean.getBoolean("sandpod.crypto.jdk");
    }

    static Handles handles() {
        return HANDLES;
    }

    private static Optional<Handles> load() {
        for (String name : new String[] {"libcrypto.so.3", "libcrypto.so"}) {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
                Linker linker = Linker.nativeLinker();
                // critical(true): hashing reads the Java array in place, no copy and no allocation per update.
                Linker.Option inPlace = Linker.Option.critical(true);
                return Optional.of(new Handles(
                        linker.downcallHandle(lib.findOrThrow("EVP_MD_CTX_new"), FunctionDescriptor.of(ValueLayout.ADDRESS)),
                        linker.downcallHandle(lib.findOrThrow("EVP_MD_CTX_free"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)),
                        linker.downcallHandle(lib.findOrThrow("EVP_sha256"), FunctionDescriptor.of(ValueLayout.ADDRESS)),
                        linker.downcallHandle(lib.findOrThrow("EVP_DigestInit_ex"), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS)),
                        linker.downcallHandle(lib.findOrThrow("EVP_DigestUpdate"), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), inPlace),
                        linker.downcallHandle(lib.findOrThrow("EVP_DigestFinal_ex"), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS), inPlace)));
            } catch (IllegalArgumentException | java.util.NoSuchElementException notThere) {
                // No such library or symbol: try the next name, then fall back to the JDK.
            }
        }
        return Optional.empty();
    }

    static MemorySegment nullPointer() {
        return MemorySegment.NULL;
    }
}
