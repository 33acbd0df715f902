package dev.sandpod.image.ref;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestTest {
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void parsesSha256() throws Exception {
        Digest d = Digest.parse("sha256:" + EMPTY);
        assertEquals("sha256", d.algorithm());
        assertEquals(EMPTY, d.hex());
        assertEquals("e3b0c44298fc", d.shortHex());
        assertEquals("sha256:" + EMPTY, d.toString());
    }

    @Test
    void parsesSha512() throws Exception {
        assertEquals("sha512", Digest.parse("sha512:" + "0".repeat(128)).algorithm());
    }

    @Test
    void hashesBytesAsSha256sumDoes() {
        assertEquals("sha256:" + EMPTY, Digest.sha256(new byte[0]).toString());
        assertEquals("sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
                Digest.sha256("a".getBytes(StandardCharsets.UTF_8)).toString());
    }

    @Test
    void rejectsMalformedDigests() {
        for (String bad : new String[]{EMPTY, "sha256:" + EMPTY.toUpperCase(), "sha256:" + EMPTY.substring(1), "md5:" + EMPTY,
                "sha256:" + EMPTY + "0", "sha512:" + EMPTY, ":" + EMPTY, "sha256:"}) {
            var e = assertThrows(InvalidReferenceException.class, () -> Digest.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void matchesAFinishedHasher() {
        Digest d = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
        var hasher = d.newHasher();
        hasher.update("x".getBytes(StandardCharsets.UTF_8));
        assertTrue(d.matches(hasher));
    }
}
