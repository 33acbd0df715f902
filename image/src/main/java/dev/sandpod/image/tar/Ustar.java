package dev.sandpod.image.tar;

import java.nio.charset.StandardCharsets;

/** Field offsets of the 512-byte ustar header and the numeric encodings tar uses (POSIX ustar, GNU base-256). */
final class Ustar {
    static final int BLOCK = 512;
    static final int NAME = 0, NAME_LEN = 100;
    static final int MODE = 100, UID = 108, GID = 116, IDS_LEN = 8;
    static final int SIZE = 124, MTIME = 136, TIMES_LEN = 12;
    static final int CHECKSUM = 148, CHECKSUM_LEN = 8;
    static final int TYPE = 156;
    static final int LINKNAME = 157;
    static final int MAGIC = 257;
    static final int UNAME = 265, GNAME = 297, OWNER_NAME_LEN = 32;
    static final int DEVMAJOR = 329, DEVMINOR = 337;
    static final int PREFIX = 345, PREFIX_LEN = 155;

    static final byte[] POSIX_MAGIC = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);

    private Ustar() {
    }

    /** Thrown by the parsers; the reader adds entry name and offset. */
    static final class BadField extends Exception {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    /** Octal digits (optionally space/NUL padded) or, if the top bit of the first byte is set, GNU base-256. */
    static long parseNumber(byte[] block, int offset, int length, String field) throws BadField {
        if ((block[offset] & 0x80) != 0) {
            return parseBase256(block, offset, length, field);
        }
        int i = offset;
        int end = offset + length;
        while (i < end && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        long value = 0;
        for (; i < end && block[i] != 0 && block[i] != ' '; i++) {
            int digit = block[i] - '0';
            if (digit < 0 || digit > 7) {
                throw new BadField(field + " field is not octal");
            }
            if (value > (Long.MAX_VALUE >> 3)) {
                throw new BadField(field + " field overflows");
            }
            value = value << 3 | digit;
        }
        for (; i < end; i++) {
            if (block[i] != 0 && block[i] != ' ') {
                throw new BadField(field + " field has characters after its number");
            }
        }
        return value;
    }

    private static long parseBase256(byte[] block, int offset, int length, String field) throws BadField {
        boolean negative = (block[offset] & 0x40) != 0;
        long value = negative ? -1L : 0L;
        value = value << 6 | (block[offset] & 0x3f);
        for (int i = offset + 1; i < offset + length; i++) {
            long top = value >> 55;
            if (top != 0 && top != -1) {
                throw new BadField(field + " field overflows");
            }
            value = value << 8 | (block[i] & 0xff);
        }
        if (negative != (value < 0)) {
            throw new BadField(field + " field overflows");
        }
        return value;
    }

    /** Writes octal digits with a NUL terminator, or base-256 when the value doesn't fit (or is negative). */
    static void formatNumber(byte[] block, int offset, int length, long value) {
        if (value >= 0 && value < 1L << (3 * (length - 1))) {
            String digits = Long.toOctalString(value);
            int pad = length - 1 - digits.length();
            for (int i = 0; i < pad; i++) {
                block[offset + i] = '0';
            }
            for (int i = 0; i < digits.length(); i++) {
                block[offset + pad + i] = (byte) digits.charAt(i);
            }
            block[offset + length - 1] = 0;
            return;
        }
        long v = value;
        for (int i = offset + length - 1; i > offset; i--) {
            block[i] = (byte) v;
            v >>= 8;
        }
        block[offset] = (byte) (value < 0 ? 0xff : 0x80);
    }

    static boolean fitsOctal(long value, int length) {
        return value >= 0 && value < 1L << (3 * (length - 1));
    }

    /** A NUL-terminated (or field-filling) string. */
    static String parseString(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    static void formatString(byte[] block, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, block, offset, Math.min(length, value.length));
    }

    /** The checksum stored in the header, and the two sums readers accept (unsigned, and signed for old tars). */
    static boolean checksumMatches(byte[] block) throws BadField {
        long stored = parseNumber(block, CHECKSUM, CHECKSUM_LEN, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            boolean inField = i >= CHECKSUM && i < CHECKSUM + CHECKSUM_LEN;
            unsigned += inField ? ' ' : block[i] & 0xff;
            signed += inField ? ' ' : block[i];
        }
        return stored == unsigned || stored == signed;
    }

    /** Fills in the checksum field: six octal digits, NUL, space. */
    static void writeChecksum(byte[] block) {
        for (int i = CHECKSUM; i < CHECKSUM + CHECKSUM_LEN; i++) {
            block[i] = ' ';
        }
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += block[i] & 0xff;
        }
        formatNumber(block, CHECKSUM, 7, sum);
        block[CHECKSUM + 7] = ' ';
    }

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }
}
