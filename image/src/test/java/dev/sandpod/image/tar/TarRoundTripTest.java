package dev.sandpod.image.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarRoundTripTest {

    static byte[] tar(TarEntry entry, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            writer.add(entry, content == null ? null : new ByteArrayInputStream(content));
        }
        return out.toByteArray();
    }

    static TarEntry readSingle(byte[] archive) throws IOException {
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
            TarEntry entry = reader.next().orElseThrow();
            reader.content().readAllBytes();
            assertTrue(reader.next().isEmpty());
            return entry;
        }
    }

    @Test
    void everyEntryTypeSurvivesARoundTrip() throws IOException {
        List<TarEntry> entries = List.of(
                TarEntry.dir("etc/"),
                TarEntry.file("etc/hosts", 0644, 5).withOwner(1000, 1001).withOwnerNames("alice", "staff"),
                TarEntry.symlink("etc/link", "/etc/hosts"),
                TarEntry.hardlink("etc/hard", "etc/hosts"),
                TarEntry.charDevice("dev/null", 1, 3),
                TarEntry.blockDevice("dev/sda", 8, 0),
                TarEntry.fifo("run/pipe"),
                TarEntry.file("bin/su", 04755, 0).withMtime(Instant.ofEpochSecond(1_700_000_000)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            for (TarEntry e : entries) {
                writer.add(e, e.size() == 0 ? null : new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)));
            }
        }
        List<TarEntry> read = new ArrayList<>();
        try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
            for (var e = reader.next(); e.isPresent(); e = reader.next()) {
                read.add(e.get());
            }
        }
        assertEquals(entries, read);
    }

    @Test
    void contentIsBoundedToTheEntrysSize() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            writer.add(TarEntry.file("a", 0644, 3), new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
            writer.add(TarEntry.file("b", 0644, 2), new ByteArrayInputStream("de".getBytes(StandardCharsets.US_ASCII)));
        }
        try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
            reader.next();
            assertEquals("abc", new String(reader.content().readAllBytes(), StandardCharsets.US_ASCII));
            reader.next();
            assertEquals("de", new String(reader.content().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void unreadContentIsSkippedByNext() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter writer = new TarWriter(out)) {
            writer.add(TarEntry.file("big", 0644, 5000), new ByteArrayInputStream(new byte[5000]));
            writer.add(TarEntry.dir("after"), null);
        }
        try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
            reader.next();
            reader.content().read(new byte[10]);
            assertEquals("after", reader.next().orElseThrow().name());
        }
    }

    @Test
    void longNamesAndLinkTargetsUsePaxAndComeBackWhole() throws IOException {
        String longName = "d/".repeat(150) + "file";
        String longTarget = "t/".repeat(120) + "target";
        TarEntry entry = TarEntry.symlink(longName, longTarget);
        assertEquals(entry, readSingle(tar(entry, null)));
    }

    @Test
    void nonAsciiNamesComeBackAsUtf8() throws IOException {
        TarEntry entry = TarEntry.file("usr/share/naïve/日本語.txt", 0644, 0);
        assertEquals(entry, readSingle(tar(entry, null)));
    }

    @Test
    void subSecondAndNegativeMtimesSurvive() throws IOException {
        TarEntry precise = TarEntry.dir("d").withMtime(Instant.parse("2024-05-06T07:08:09.123456789Z"));
        TarEntry beforeEpoch = TarEntry.dir("e").withMtime(Instant.ofEpochSecond(-2, 500_000_000));
        assertEquals(precise, readSingle(tar(precise, null)));
        assertEquals(beforeEpoch, readSingle(tar(beforeEpoch, null)));
    }

    @Test
    void bigOwnerIdsSurvive() throws IOException {
        TarEntry entry = TarEntry.dir("d").withOwner(4_000_000_000L, 3_000_000);
        assertEquals(entry, readSingle(tar(entry, null)));
    }

    @Test
    void binaryXattrValuesSurviveIncludingNewlinesAndEquals() throws IOException {
        byte[] value = {0, '\n', '=', ' ', (byte) 0xff, '1', '0', ' '};
        TarEntry entry = TarEntry.file("f", 0644, 0)
                .withXattr("user.weird", value)
                .withXattr("security.capability", new byte[24]);
        TarEntry read = readSingle(tar(entry, null));
        assertArrayEquals(value, read.xattr("user.weird").orElseThrow());
        assertEquals(entry, read);
    }

    @Test
    void entriesDontShareTheirXattrArraysWithCallers() {
        byte[] value = {1, 2, 3};
        TarEntry entry = TarEntry.file("f", 0644, 0).withXattr("user.a", value);
        value[0] = 9;
        entry.xattrs().get("user.a")[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, entry.xattr("user.a").orElseThrow());
    }
}
