package dev.sandpod.core.crypto;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Sha256Test {
    @Test
    void libcryptoIsUsedOnThisMachine() {
        assertTrue(LibCrypto.available(), "Debian ships libcrypto.so.3; without it hashing falls back to the JDK");
        assertEquals(NativeSha256.class, Sha256.newDigest().getClass());
    }

    @Test
    void theEmptyInputHashesToTheKnownValue() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(Sha256.newDigest().digest()));
    }

    @Test
    void anyChunkingGivesTheJdksDigest() throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {1, 63, 64, 65, 1000, 1 << 16, (1 << 20) + 17}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            MessageDigest ours = Sha256.newDigest();
            int at = 0;
            while (at < size) {
                int chunk = Math.min(size - at, 1 + random.nextInt(5000));
                ours.update(data, at, chunk);
                at += chunk;
            }
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), ours.digest(), "size " + size);
        }
    }

    @Test
    void aDigestResetsTheHasherForTheNextInput() throws Exception {
        MessageDigest ours = Sha256.newDigest();
        ours.update((byte) 'a');
        ours.digest();
        ours.update("abc".getBytes());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest("abc".getBytes()), ours.digest());
    }
}
