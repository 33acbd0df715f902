package dev.sandpod.image.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Small URI helpers the endpoints share. */
final class Urls {
    private Urls() {
    }

    /** Appends {@code name=value} to the query, with '?' or '&' as the URI already needs. */
    static URI withQuery(URI uri, String name, String value) {
        String text = uri.toString();
        String separator = text.endsWith("?") || text.endsWith("&") ? "" : uri.getRawQuery() == null ? "?" : "&";
        return URI.create(text + separator + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    /** A repository name is path components separated by '/', each safe in a URL as it is. */
    static String v2(String repository, String rest) {
        return "/v2/" + repository + "/" + rest;
    }
}
