package dev.sandpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The error body of the OCI distribution spec: {@code {"errors":[{"code":..,"message":..,"detail":..}]}}. */
record RegistryErrors(List<Entry> errors, String rawText) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 200;

    record Entry(String code, String message) {
    }

    /** Parses a body; a body that is not the spec's JSON keeps its first line as raw text. */
    static RegistryErrors parse(byte[] body) {
        List<Entry> entries = new ArrayList<>();
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            for (JsonNode e : errors) {
                entries.add(new Entry(e.path("code").asText(""), e.path("message").asText("")));
            }
        } catch (IOException notJson) {
            // Proxies and misconfigured registries answer with HTML or plain text; keep a line of it below.
            entries.clear();
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
        return new RegistryErrors(List.copyOf(entries), text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text);
    }

    /** The first error code, such as {@code MANIFEST_UNKNOWN}. */
    Optional<String> firstCode() {
        return errors.stream().map(Entry::code).filter(c -> !c.isEmpty()).findFirst();
    }

    boolean hasCode(String code) {
        return errors.stream().anyMatch(e -> e.code().equals(code));
    }

    /** "CODE: message; CODE: message", or the raw first line when the body was not the spec's JSON. */
    String summary() {
        if (errors.isEmpty()) {
            return rawText;
        }
        List<String> parts = new ArrayList<>();
        for (Entry e : errors) {
            parts.add(e.message().isEmpty() ? e.code() : e.code() + ": " + e.message());
        }
        return String.join("; ", parts);
    }
}
