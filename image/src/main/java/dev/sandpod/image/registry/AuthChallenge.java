package dev.sandpod.image.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235 section 4.1): a scheme and its parameters.
 * A header may hold several challenges, and quoted parameter values may hold commas and escaped quotes.
 */
record AuthChallenge(String scheme, Map<String, String> params) {
    AuthChallenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    boolean is(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    /** A parameter by name; parameter names are case-insensitive, so they are stored lowercased. */
    Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** All challenges in all the given header values, in order; unparsable text is skipped rather than fatal. */
    static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> result = new ArrayList<>();
        for (String value : headerValues) {
            new Parser(value).parseInto(result);
        }
        return result;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<AuthChallenge> out) {
            while (true) {
                skip(" \t,");
                if (i >= s.length()) {
                    return;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    i++; // a stray character: skip it and look for the next challenge
                    continue;
                }
                out.add(new AuthChallenge(scheme, params()));
            }
        }

        /** name=value pairs up to the start of the next challenge (a token not followed by '='). */
        private Map<String, String> params() {
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                int mark = i;
                skip(" \t,");
                String name = token();
                skip(" \t");
                if (name.isEmpty() || i >= s.length() || s.charAt(i) != '=') {
                    i = mark;
                    return params;
                }
                i++;
                skip(" \t");
                String value = i < s.length() && s.charAt(i) == '"' ? quoted() : bareValue();
                params.put(name.toLowerCase(Locale.ROOT), value);
            }
        }

        private String token() {
            int start = i;
            while (i < s.length() && isTchar(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String bareValue() {
            int start = i;
            while (i < s.length() && s.charAt(i) != ',' && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
            return s.substring(start, i);
        }

        private String quoted() {
            StringBuilder b = new StringBuilder();
            i++; // opening quote
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                    i++;
                }
                b.append(s.charAt(i++));
            }
            if (i < s.length()) {
                i++; // closing quote
            }
            return b.toString();
        }

        private void skip(String chars) {
            while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private static boolean isTchar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
