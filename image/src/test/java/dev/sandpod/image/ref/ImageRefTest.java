package dev.sandpod.image.ref;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRefTest {
    private static final String HEX = "ab".repeat(32);

    private static String normalised(String text) throws InvalidReferenceException {
        return ImageRef.parse(text).toString();
    }

    @Test
    void aBareNameIsADockerHubLibraryImageTaggedLatest() throws Exception {
        assertEquals("docker.io/library/busybox:latest", normalised("busybox"));
        ImageRef ref = ImageRef.parse("busybox");
        assertEquals("docker.io", ref.registry());
        assertEquals("library/busybox", ref.repository());
        assertEquals("registry-1.docker.io", ref.apiHost());
    }

    @Test
    void aUserRepositoryOnDockerHubKeepsItsPath() throws Exception {
        assertEquals("docker.io/user/app:1.2", normalised("user/app:1.2"));
        assertEquals("docker.io/library/busybox:1", normalised("index.docker.io/library/busybox:1"));
        assertEquals("docker.io/library/busybox:1", normalised("docker.io/busybox:1"));
    }

    @Test
    void aHostWithAPortIsARegistry() throws Exception {
        ImageRef ref = ImageRef.parse("127.0.0.1:5000/team/app:v1");
        assertEquals("127.0.0.1:5000", ref.registry());
        assertEquals("team/app", ref.repository());
        assertEquals(Optional.of("v1"), ref.tag());
        assertEquals("127.0.0.1:5000", ref.apiHost());
    }

    @Test
    void localhostIsARegistryEvenWithoutAPort() throws Exception {
        assertEquals("localhost/x:latest", normalised("localhost/x"));
    }

    @Test
    void aFirstComponentWithoutDotColonOrLocalhostIsAPath() throws Exception {
        assertEquals("docker.io/myhost/x:latest", normalised("myhost/x"));
    }

    @Test
    void aDigestReferenceHasNoDefaultTag() throws Exception {
        ImageRef ref = ImageRef.parse("busybox@sha256:" + HEX);
        assertEquals(Optional.empty(), ref.tag());
        assertEquals("sha256:" + HEX, ref.manifestReference());
        assertEquals("docker.io/library/busybox@sha256:" + HEX, ref.toString());
    }

    @Test
    void aTagAndADigestAreBothKept() throws Exception {
        assertEquals("127.0.0.1:5000/app:v1@sha256:" + HEX, normalised("127.0.0.1:5000/app:v1@sha256:" + HEX));
    }

    @Test
    void uppercaseRepositoriesAreRejected() {
        var e = assertThrows(InvalidReferenceException.class, () -> ImageRef.parse("BusyBox"));
        assertTrue(e.getMessage().contains("lowercase"), e.getMessage());
        assertTrue(e.hint().isPresent());
    }

    @Test
    void uppercaseTagsAreAllowed() throws Exception {
        assertEquals("docker.io/library/busybox:V1_X", normalised("busybox:V1_X"));
    }

    @Test
    void badTagsAreRejected() {
        for (String bad : new String[]{"busybox:", "busybox:.hidden", "busybox:-x", "busybox:a+b", "busybox:" + "t".repeat(129)}) {
            var e = assertThrows(InvalidReferenceException.class, () -> ImageRef.parse(bad), bad);
            assertTrue(e.getMessage().contains("tag"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void badDigestsAreRejected() {
        assertThrows(InvalidReferenceException.class, () -> ImageRef.parse("busybox@sha256:abc"));
        assertThrows(InvalidReferenceException.class, () -> ImageRef.parse("busybox@md5:" + HEX));
    }

    @Test
    void malformedNamesAreRejected() {
        for (String bad : new String[]{"", " busybox", "a//b", "a/", "/a", "a__-b", "bad_host:99999x/app", "a b"}) {
            assertThrows(InvalidReferenceException.class, () -> ImageRef.parse(bad), "'" + bad + "'");
        }
    }

    @Test
    void namesLongerThan255CharactersAreRejected() {
        var e = assertThrows(InvalidReferenceException.class, () -> ImageRef.parse("x/" + "a".repeat(260)));
        assertTrue(e.getMessage().contains("255"), e.getMessage());
        var huge = assertThrows(InvalidReferenceException.class, () -> ImageRef.parse("a".repeat(600)));
        assertTrue(huge.getMessage().contains("512"), huge.getMessage());
    }
}
