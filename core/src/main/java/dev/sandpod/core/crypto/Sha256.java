package dev.sandpod.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 hashers for content digests. Uses OpenSSL's libcrypto when the machine has it: a fresh JVM (every
 * CLI call) hashes at full speed from the first byte, where the JDK's own code only gets its CPU intrinsic
 * once the JIT has compiled it, which on a 100 MiB pull is most of the pull.
 */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        if (LibCrypto.available()) {
            return new NativeSha256();
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
