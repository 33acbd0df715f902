package dev.sandpod.client;

import java.nio.charset.StandardCharsets;

/** Percent-encoding for path parameters; '/' and ':' and '@' stay as they are (image references use them). */
final class Paths {
    private Paths() {
    }

    static String encode(String value) {
        return encode(value, "-._~/:@+");
    }

    /** For query values: also '+' (a space to form decoding), and '&', '=', '#', '%' as in any value. */
    static String encodeQuery(String value) {
        return encode(value, "-._~/:@");
    }

    private static String encode(String value, String safe) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || safe.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
