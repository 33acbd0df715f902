package dev.sandpod.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteSizesTest {
    @Test
    void parsesBinaryMultiplesAsPeopleWriteThem() {
        assertEquals(512, ByteSizes.parse("512"));
        assertEquals(3L << 20, ByteSizes.parse("3MiB"));
        assertEquals(64L << 20, ByteSizes.parse("64Mi"));
        assertEquals(2L << 30, ByteSizes.parse("2g"));
        assertEquals(4L << 30, ByteSizes.parse("4gb"));
        assertEquals(3L << 29, ByteSizes.parse("1.5GiB"));
        assertEquals(1L << 40, ByteSizes.parse(" 1 TiB "));
        assertEquals(1024, ByteSizes.parse("1k"));
    }

    @Test
    void rejectsWhatIsNotASize() {
        for (String bad : new String[]{"", "lots", "-1", "1PiB", "1.5.5G", "G", "1 MiBs"}) {
            assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse("99999999999T"));
    }

    @Test
    void formatsForPeople() {
        assertEquals("0 B", ByteSizes.format(0));
        assertEquals("1023 B", ByteSizes.format(1023));
        assertEquals("1.0 KiB", ByteSizes.format(1024));
        assertEquals("1.5 MiB", ByteSizes.format(3L << 19));
        assertEquals("200 GiB", ByteSizes.format(200L << 30));
    }
}
