package dev.sandpod.image.tar;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PAX extended header records, {@code "LEN KEY=VALUE\n"}, where LEN counts the whole record in bytes.
 * Values are kept as bytes: {@code SCHILY.xattr.*} values are binary and may contain NUL, '=' and '\n'.
 */
final class PaxRecords {
    static final String XATTR_PREFIX = "SCHILY.xattr.";
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");
    private static final Pattern TIME = Pattern.compile("-?[0-9]{1,19}(\\.[0-9]{1,30})?");

    private PaxRecords() {
    }

    static Map<String, byte[]> parse(byte[] data) throws Ustar.BadField {
        Map<String, byte[]> records = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = pos;
            long length = 0;
            while (space < data.length && data[space] != ' ') {
                int digit = data[space] - '0';
                if (digit < 0 || digit > 9) {
                    throw new Ustar.BadField("PAX record at " + pos + " doesn't start with a decimal length");
                }
                length = length * 10 + digit;
                if (length > data.length) {
                    throw new Ustar.BadField("PAX record at " + pos + " is longer than its header");
                }
                space++;
            }
            if (space == pos || space == data.length) {
                throw new Ustar.BadField("PAX record at " + pos + " has no length");
            }
            int end = Math.toIntExact(pos + length);
            if (length > data.length - pos || end <= space + 1 || data[end - 1] != '\n') {
                throw new Ustar.BadField("PAX record at " + pos + " has length " + length
                        + ", which doesn't fit the " + data.length + "-byte header or doesn't end in a newline");
            }
            int equals = indexOf(data, (byte) '=', space + 1, end - 1);
            if (equals <= space + 1) {
                throw new Ustar.BadField("PAX record at " + pos + " has no KEY=VALUE");
            }
            String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            byte[] value = new byte[end - 1 - (equals + 1)];
            System.arraycopy(data, equals + 1, value, 0, value.length);
            records.put(key, value);
            pos = end;
        }
        return records;
    }

    static byte[] format(Map<String, byte[]> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        records.forEach((key, value) -> {
            byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
            int body = 1 + keyBytes.length + 1 + value.length + 1; // ' ' KEY '=' VALUE '\n'
            int length = body + Integer.toString(body).length();
            if (Integer.toString(length).length() != Integer.toString(body).length()) {
                length = body + Integer.toString(length).length(); // the length's own digits tipped it over
            }
            out.writeBytes(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(keyBytes);
            out.write('=');
            out.writeBytes(value);
            out.write('\n');
        });
        return out.toByteArray();
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static long decimal(byte[] value, String key) throws Ustar.BadField {
        String text = new String(value, StandardCharsets.US_ASCII);
        if (!DECIMAL.matcher(text).matches()) {
            throw new Ustar.BadField("PAX " + key + " is not a decimal number: '" + text + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Ustar.BadField("PAX " + key + " is too large: " + text);
        }
    }

    /** Seconds since the epoch with an optional fraction, possibly negative, as in {@code mtime=1700000000.25}. */
    static Instant time(byte[] value, String key) throws Ustar.BadField {
        String text = new String(value, StandardCharsets.US_ASCII);
        if (!TIME.matcher(text).matches()) {
            throw new Ustar.BadField("PAX " + key + " is not a time: '" + text + "'");
        }
        BigDecimal total = new BigDecimal(text);
        BigDecimal seconds = total.setScale(0, RoundingMode.FLOOR);
        try {
            long nanos = total.subtract(seconds).movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact();
            return Instant.ofEpochSecond(seconds.longValueExact(), nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new Ustar.BadField("PAX " + key + " is out of range: " + text);
        }
    }

    static String formatTime(Instant time) {
        return new BigDecimal(time.getEpochSecond()).add(BigDecimal.valueOf(time.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private static int indexOf(byte[] data, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
