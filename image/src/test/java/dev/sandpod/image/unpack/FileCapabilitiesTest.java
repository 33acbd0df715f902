package dev.sandpod.image.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FileCapabilitiesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void v3BecomesV2WithTheSameSetsAndNoRootId() {
        byte[] v3 = FileCapabilities.v3(1L << 13 | 1L << 40, 1L << 1, true, 1000);
        assertArrayEquals(HEX.parseHex("01000003" + "00200000" + "02000000" + "00010000" + "00000000" + "e8030000"), v3);

        byte[] v2 = FileCapabilities.withoutRootId(v3);

        assertArrayEquals(HEX.parseHex("01000002" + "00200000" + "02000000" + "00010000" + "00000000"), v2);
    }

    @Test
    void v3WithoutTheEffectiveFlagStaysWithoutIt() {
        byte[] v2 = FileCapabilities.withoutRootId(FileCapabilities.v3(1L << 13, 0, false, 0));
        assertArrayEquals(HEX.parseHex("00000002" + "00200000" + "00000000" + "00000000" + "00000000"), v2);
    }

    @Test
    void v2PassesThrough() {
        byte[] v2 = HEX.parseHex("01000002" + "00200000" + "00000000" + "00000000" + "00000000");
        assertArrayEquals(v2, FileCapabilities.withoutRootId(v2));
    }

    @Test
    void v1PassesThrough() {
        byte[] v1 = HEX.parseHex("01000001" + "00200000" + "00000000");
        assertArrayEquals(v1, FileCapabilities.withoutRootId(v1));
    }

    @Test
    void aLengthThatDoesNotMatchTheRevisionIsRefused() {
        byte[] shortV3 = HEX.parseHex("01000003" + "00200000" + "00000000" + "00000000" + "00000000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileCapabilities.withoutRootId(shortV3));
        assertTrue(e.getMessage().contains("must be 24 bytes, not 20"), e.getMessage());
    }

    @Test
    void anUnknownRevisionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> FileCapabilities.withoutRootId(HEX.parseHex("01000009" + "00".repeat(16))));
    }

    @Test
    void aTooShortValueIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FileCapabilities.withoutRootId(new byte[] {1, 0}));
    }
}
