package dev.sandpod.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathsTest {
    @Test
    void imageReferencesKeepTheirSlashesColonsAndAtSigns() {
        assertEquals("127.0.0.1:5000/app@sha256:ab", Paths.encode("127.0.0.1:5000/app@sha256:ab"));
    }

    @Test
    void spacesQueryAndPercentSignsAreEncoded() {
        assertEquals("a%20b%3Fc%25", Paths.encode("a b?c%"));
    }
}
