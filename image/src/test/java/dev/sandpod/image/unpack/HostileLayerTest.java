package dev.sandpod.image.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.image.tar.TarEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives written to escape the layer root: each is refused or lands inside it, and "outside" stays empty. */
class HostileLayerTest extends UnpackFixture {
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        makeDirs(tmp);
    }

    @Test
    void aNameClimbingOutWithDotDotIsRefusedNamingEntryAndLayer() throws Exception {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(new LayerTars().file("../outside/evil", "x")));
        assertEquals("../outside/evil", e.entryName());
        assertTrue(e.getMessage().contains("sha256:test"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("hostile or corrupt"));
        assertTrue(outsideIsEmpty());
    }

    @Test
    void dotDotInsideTheRootIsAllowed() throws Exception {
        unpack(new LayerTars().file("a/../b", "x"));
        assertTrue(Files.isRegularFile(layer.resolve("b")));
    }

    @Test
    void aHardLinkClimbingOutWithDotDotIsRefused() throws Exception {
        Files.writeString(tmp.resolve("secret"), "s");
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(new LayerTars().add(TarEntry.hardlink("stolen", "../secret"))));
        assertTrue(e.getMessage().contains("climbs out"), e.getMessage());
        assertEquals(1, Files.getAttribute(tmp.resolve("secret"), "unix:nlink"));
    }

    @Test
    void anAbsoluteNameLandsInsideTheLayer() throws Exception {
        unpack(new LayerTars().file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n"));
        assertTrue(Files.readString(layer.resolve("etc/passwd")).startsWith("root:"));
    }

    @Test
    void writingThroughAnAbsoluteSymlinkStaysInside() throws Exception {
        unpack(new LayerTars()
                .add(TarEntry.symlink("escape", outside.toString()))
                .file("escape/evil", "x"));
        assertTrue(outsideIsEmpty());
        assertTrue(Files.isRegularFile(layer.resolve(outside.toString().substring(1)).resolve("evil")));
    }

    @Test
    void writingThroughASymlinkToRootStaysInside() throws Exception {
        unpack(new LayerTars()
                .add(TarEntry.symlink("etc", "/"))
                .file("etc/evil", "x"));
        assertTrue(Files.isRegularFile(layer.resolve("evil")));
        assertTrue(Files.isSymbolicLink(layer.resolve("etc")));
    }

    @Test
    void writingThroughARelativeEscapingSymlinkStaysInside() throws Exception {
        unpack(new LayerTars()
                .add(TarEntry.symlink("x", "../../../.." + outside))
                .file("x/evil", "x"));
        assertTrue(outsideIsEmpty());
        assertTrue(Files.isRegularFile(layer.resolve(outside.toString().substring(1)).resolve("evil")));
    }

    @Test
    void chainsOfSymlinksToParentsStayInside() throws Exception {
        unpack(new LayerTars()
                .add(TarEntry.dir("a"))
                .add(TarEntry.symlink("a/up", ".."))
                .add(TarEntry.symlink("a/up2", "up/a/up"))
                .add(TarEntry.symlink("b", "a/up2/a/up/../outside"))
                .file("a/up2/a/up2/../outside/evil", "x")
                .file("b/evil2", "y"));
        assertTrue(outsideIsEmpty());
        assertTrue(Files.isRegularFile(layer.resolve("a/outside/evil")), "a/up2 resolves to the root");
        try (var found = Files.find(layer, 20, (p, a) -> p.endsWith("evil2") && a.isRegularFile())) {
            assertTrue(found.findAny().isPresent(), "evil2 lands somewhere inside the layer");
        }
    }

    @Test
    void aFileEntryOverAPlantedSymlinkReplacesTheSymlinkInsteadOfFollowingIt() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "safe");
        unpack(new LayerTars()
                .add(TarEntry.symlink("link", victim.toString()))
                .file("link", "overwritten"));
        assertEquals("safe", Files.readString(victim));
        assertEquals("overwritten", Files.readString(layer.resolve("link")));
    }

    @Test
    void aHardLinkThroughAnEscapingSymlinkIsRefusedAndLinksNothingOutside() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret"), "s");
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class, () -> unpack(new LayerTars()
                .add(TarEntry.symlink("esc", outside.toString()))
                .add(TarEntry.hardlink("stolen", "esc/secret"))));
        assertTrue(e.getMessage().contains("doesn't contain"), e.getMessage());
        assertEquals(1, Files.getAttribute(secret, "unix:nlink"));
        assertFalse(Files.exists(layer.resolve("stolen")));
    }

    @Test
    void aHardLinkToAMissingTargetNamesEntryAndTarget() throws Exception {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(new LayerTars().add(TarEntry.hardlink("bin/sh", "bin/busybox"))));
        assertEquals("bin/sh", e.entryName());
        assertTrue(e.getMessage().contains("'bin/busybox'"), e.getMessage());
    }

    @Test
    void aChmodOfAFileAfterASymlinkSwapDoesNotReachOutside() throws Exception {
        Path victim = Files.writeString(outside.resolve("victim"), "safe");
        int before = mode(victim);
        unpack(new LayerTars()
                .file("f", "x")
                .add(TarEntry.symlink("f", victim.toString()))
                .add(TarEntry.dir("f").withMode(0777)));
        assertEquals(before, mode(victim));
        assertTrue(Files.isDirectory(layer.resolve("f"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aWhiteoutThroughAnEscapingSymlinkStaysInside() throws Exception {
        Files.writeString(outside.resolve("keep"), "k");
        unpack(new LayerTars()
                .add(TarEntry.symlink("esc", outside.toString()))
                .file("esc/.wh.keep", ""));
        assertEquals("k", Files.readString(outside.resolve("keep")));
    }

    @Test
    void overlayMetadataXattrsFromTheArchiveAreNotApplied() throws Exception {
        unpack(new LayerTars().add(TarEntry.dir("d").withXattr("trusted.overlay.redirect", "/etc".getBytes())));
        assertTrue(sys.lgetxattr(layer.resolve("d").toString(), "trusted.overlay.redirect").isEmpty());
    }

    @Test
    void aNonDirectoryRootEntryIsRefused() throws Exception {
        assertThrows(UnsafeArchiveException.class, () -> unpack(new LayerTars().add(TarEntry.symlink("./", "/etc"))));
    }
}
