package dev.sandpod.image.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.tar.TarEntry;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OCI changeset rules and file metadata, applied to a real directory. */
class LayerChangesetTest extends UnpackFixture {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private static final Instant WHEN = Instant.parse("2021-03-04T05:06:07.123456789Z");

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        makeDirs(tmp);
    }

    @Test
    void aWhiteoutBecomesACharDevice00AndReplacesAnEarlierEntry() throws Exception {
        unpack(new LayerTars().file("etc/gone", "x").file("etc/.wh.gone", ""));
        Path whiteout = layer.resolve("etc/gone");
        assertEquals(020000, mode(whiteout) & 0170000);
        assertEquals(0L, Files.getAttribute(whiteout, "unix:rdev", NOFOLLOW));
        assertFalse(Files.exists(layer.resolve("etc/.wh.gone"), NOFOLLOW));
    }

    @Test
    void anOpaqueMarkerSetsTheOverlayXattrAndIsNotCreated() throws Exception {
        unpack(new LayerTars().add(TarEntry.dir("var/cache")).file("var/cache/.wh..wh..opq", ""));
        assertArrayEquals(new byte[] {'y'},
                sys.lgetxattr(layer.resolve("var/cache").toString(), "trusted.overlay.opaque").orElseThrow());
        assertFalse(Files.exists(layer.resolve("var/cache/.wh..wh..opq"), NOFOLLOW));
    }

    @Test
    void aV3CapabilityIsStoredAsV2() throws Exception {
        byte[] v3 = FileCapabilities.v3(1L << 13, 0, true, 1000);
        unpack(new LayerTars().add(TarEntry.file("bin/ping", 0755, 0).withXattr("security.capability", v3)));
        byte[] stored = sys.lgetxattr(layer.resolve("bin/ping").toString(), "security.capability").orElseThrow();
        assertArrayEquals(FileCapabilities.withoutRootId(v3), stored);
        assertEquals(20, stored.length);
    }

    @Test
    void anInvalidCapabilityIsRefusedNamingTheEntry() throws Exception {
        UnsafeArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(UnsafeArchiveException.class,
                () -> unpack(new LayerTars().add(TarEntry.file("bin/x", 0755, 0).withXattr("security.capability", new byte[7]))));
        assertEquals("bin/x", e.entryName());
    }

    @Test
    void hardLinksShareTheirTargetsInode() throws Exception {
        unpack(new LayerTars().file("bin/busybox", "elf").add(TarEntry.hardlink("bin/sh", "bin/busybox")));
        assertEquals(Files.getAttribute(layer.resolve("bin/busybox"), "unix:ino"),
                Files.getAttribute(layer.resolve("bin/sh"), "unix:ino"));
    }

    @Test
    void devicesAndFifosAreMadeWithTheirNumbers() throws Exception {
        unpack(new LayerTars()
                .add(TarEntry.charDevice("dev/null", 1, 3))
                .add(TarEntry.blockDevice("dev/loop9", 7, 9))
                .add(TarEntry.fifo("run/pipe")));
        assertEquals(020666, mode(layer.resolve("dev/null")));
        assertEquals(0x0103L, Files.getAttribute(layer.resolve("dev/null"), "unix:rdev"));
        assertEquals(060000, mode(layer.resolve("dev/loop9")) & 0170000);
        assertEquals(010000, mode(layer.resolve("run/pipe")) & 0170000);
    }

    @Test
    void setuidSurvivesAChownToAnotherOwner() throws Exception {
        unpack(new LayerTars().add(TarEntry.file("bin/su", 04755, 0).withOwner(0, 5)));
        assertEquals(04755, mode(layer.resolve("bin/su")) & 07777);
    }

    @Test
    void ownerMtimeAndXattrsAreKeptForFilesSymlinksAndDirectories() throws Exception {
        byte[] value = {0, '\n', (byte) 0xff};
        unpack(new LayerTars()
                .add(TarEntry.dir("home/alice").withOwner(1000, 1000).withMtime(WHEN).withMode(0700))
                .add(TarEntry.file("home/alice/f", 0600, 0).withOwner(1000, 100).withMtime(WHEN).withXattr("user.v", value))
                .add(TarEntry.symlink("home/alice/l", "f").withOwner(1001, 1002).withMtime(WHEN)));
        Path home = layer.resolve("home/alice");
        assertEquals(1000, Files.getAttribute(home, "unix:uid"));
        assertEquals(040700, mode(home));
        assertEquals(WHEN, Files.getLastModifiedTime(home).toInstant(), "directory mtime set after its children");
        assertEquals(100, Files.getAttribute(home.resolve("f"), "unix:gid"));
        assertEquals(WHEN, Files.getLastModifiedTime(home.resolve("f")).toInstant());
        assertArrayEquals(value, sys.lgetxattr(home.resolve("f").toString(), "user.v").orElseThrow());
        assertEquals(1001, Files.getAttribute(home.resolve("l"), "unix:uid", NOFOLLOW));
        assertEquals(WHEN, Files.getLastModifiedTime(home.resolve("l"), NOFOLLOW).toInstant());
    }

    @Test
    void aLaterFileReplacesAnEarlierOne() throws Exception {
        unpack(new LayerTars().file("etc/motd", "old").file("etc/motd", "new"));
        assertEquals("new", Files.readString(layer.resolve("etc/motd")));
    }

    @Test
    void aDirectoryOverADirectoryKeepsItsChildrenAndTakesTheNewMode() throws Exception {
        unpack(new LayerTars().add(TarEntry.dir("d")).file("d/child", "x").add(TarEntry.dir("d").withMode(0711)));
        assertTrue(Files.exists(layer.resolve("d/child")));
        assertEquals(040711, mode(layer.resolve("d")));
    }

    @Test
    void aFileOverADirectoryRemovesTheWholeTree() throws Exception {
        unpack(new LayerTars().add(TarEntry.dir("d/e")).file("d/e/f", "x").add(TarEntry.symlink("d/e/l", "/")).file("d", "file"));
        assertEquals("file", Files.readString(layer.resolve("d")));
    }

    @Test
    void theResultCountsEntriesAndBytesAndDigestsTheWholeStream() throws Exception {
        byte[] tar = new LayerTars().file("a", "12345").add(TarEntry.dir("b")).toBytes();
        byte[] padded = Arrays.copyOf(tar, tar.length + 4096); // trailing zeros after the end blocks
        UnpackResult result = unpack(padded);
        assertEquals(2, result.entries());
        assertEquals(5, result.bytesWritten());
        assertEquals(Digest.sha256(padded), result.diffId());
    }
}
