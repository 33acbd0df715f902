package dev.sandpod.image.tar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CorruptArchiveTest {

    private static CorruptArchiveException readAll(byte[] archive) {
        return assertThrows(CorruptArchiveException.class, () -> {
            try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
                while (reader.next().isPresent()) {
                    reader.content().readAllBytes();
                }
            }
        });
    }

    private static byte[] fileArchive(String name, String content) throws IOException {
        return TarRoundTripTest.tar(TarEntry.file(name, 0644, content.length()),
                content.getBytes(StandardCharsets.US_ASCII));
    }

    /** An archive whose first header is a PAX header with the given records text. */
    private static byte[] withPaxRecords(String records) throws IOException {
        byte[] good = TarRoundTripTest.tar(TarEntry.file("f", 0644, 0).withXattr("user.x", new byte[] {'v'}), null);
        byte[] data = records.getBytes(StandardCharsets.UTF_8);
        byte[] archive = Arrays.copyOf(good, good.length + 1024);
        byte[] header = Arrays.copyOf(good, 512);
        Ustar.formatNumber(header, Ustar.SIZE, Ustar.TIMES_LEN, data.length);
        Ustar.writeChecksum(header);
        System.arraycopy(header, 0, archive, 0, 512);
        Arrays.fill(archive, 512, 1024, (byte) 0);
        System.arraycopy(data, 0, archive, 512, data.length);
        System.arraycopy(good, 1024, archive, 1024, good.length - 1024);
        return archive;
    }

    @Test
    void aFlippedHeaderByteFailsTheChecksumAndNamesTheEntry() throws IOException {
        byte[] archive = fileArchive("etc/passwd", "root");
        archive[Ustar.MODE + 3] ^= 1;
        CorruptArchiveException e = readAll(archive);
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertEquals("etc/passwd", e.entryName());
        assertEquals(0, e.offset());
    }

    @Test
    void aTruncatedHeaderIsCorrupt() throws IOException {
        byte[] archive = Arrays.copyOf(fileArchive("a", "x"), 300);
        assertTrue(readAll(archive).getMessage().contains("truncated header"));
    }

    @Test
    void truncatedDataIsCorruptWhenRead() throws IOException {
        byte[] archive = Arrays.copyOf(fileArchive("a", "x".repeat(1000)), 512 + 700);
        CorruptArchiveException e = readAll(archive);
        assertTrue(e.getMessage().contains("truncated data"), e.getMessage());
        assertEquals("a", e.entryName());
    }

    @Test
    void truncatedDataIsCorruptWhenSkipped() throws IOException {
        byte[] archive = Arrays.copyOf(fileArchive("a", "x".repeat(1000)), 512 + 700);
        assertThrows(CorruptArchiveException.class, () -> {
            try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
                reader.next();
                reader.next();
            }
        });
    }

    @Test
    void anAbsurdSizeIsCorrupt() throws IOException {
        byte[] archive = fileArchive("a", "x");
        Arrays.fill(archive, Ustar.SIZE, Ustar.SIZE + 12, (byte) 0xff); // base-256 -1
        Ustar.writeChecksum(archive);
        assertTrue(readAll(archive).getMessage().contains("negative size"));
    }

    @Test
    void aNonOctalNumberIsCorrupt() throws IOException {
        byte[] archive = fileArchive("a", "x");
        archive[Ustar.UID + 2] = 'z';
        Ustar.writeChecksum(archive);
        assertTrue(readAll(archive).getMessage().contains("uid"));
    }

    @Test
    void aPaxRecordLongerThanItsHeaderIsCorrupt() throws IOException {
        assertTrue(readAll(withPaxRecords("99 path=x\n")).getMessage().contains("PAX record"));
    }

    @Test
    void aPaxRecordWithoutItsNewlineIsCorrupt() throws IOException {
        assertTrue(readAll(withPaxRecords("10 path=xy")).getMessage().contains("PAX record"));
    }

    @Test
    void aPaxRecordWithAHugeLengthIsCorrupt() throws IOException {
        readAll(withPaxRecords("99999999999999999999999 path=x\n"));
    }

    @Test
    void aPaxSizeThatIsNotANumberIsCorrupt() throws IOException {
        assertTrue(readAll(withPaxRecords("12 size=-10\n")).getMessage().contains("size"));
    }

    @Test
    void anExtensionHeaderAtTheEndOfTheStreamIsCorrupt() throws IOException {
        byte[] archive = withPaxRecords("11 path=xy\n");
        assertTrue(readAll(Arrays.copyOf(archive, 1024)).getMessage().contains("truncated header"));
    }

    @Test
    void aLoneZeroBlockFollowedByDataIsCorrupt() throws IOException {
        byte[] one = fileArchive("a", "x");
        byte[] archive = new byte[512 + one.length];
        System.arraycopy(one, 0, archive, 512, one.length);
        assertTrue(readAll(archive).getMessage().contains("zero block"));
    }

    @Test
    void aCleanEndOfStreamWithoutZeroBlocksEndsTheArchive() throws IOException {
        byte[] archive = Arrays.copyOf(fileArchive("a", "x"), 1024);
        try (TarReader reader = new TarReader(new ByteArrayInputStream(archive))) {
            assertEquals("a", reader.next().orElseThrow().name());
            assertTrue(reader.next().isEmpty());
        }
    }

    @Test
    void anUnknownEntryTypeIsRefused() throws IOException {
        byte[] archive = fileArchive("a", "x");
        archive[Ustar.TYPE] = 'S';
        Ustar.writeChecksum(archive);
        assertTrue(readAll(archive).getMessage().contains("unsupported entry type 'S'"));
    }
}
