package dev.sandpod.state;

import dev.sandpod.core.IoErrors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads config.json strictly: unknown keys and wrong types are errors that name the line and field,
 * because a silently ignored typo in a mirror or insecure-registry setting is worse than a refusal.
 * <pre>
 * {
 *   "insecureRegistries": ["registry.lab:5000"],
 *   "mirrors": {"docker.io": {"endpoints": ["127.0.0.1:5001"], "fallback": false}},
 *   "store": {"maxSize": "20GiB"},
 *   "registryTimeoutSeconds": 30
 * }
 * </pre>
 */
public final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigReader() {
    }

    public static SandpodConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            return SandpodConfig.defaults();
        } catch (IOException e) {
            throw new ConfigException(file, 0, "", "can't read it: " + IoErrors.describe(e));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(file, at == null ? 0 : at.getLineNr(), "", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return SandpodConfig.defaults();
        }
        return new Parser(file, text).parse(root);
    }

    private record Parser(Path file, String text) {
        SandpodConfig parse(JsonNode root) throws ConfigException {
            requireObject(root, "");
            Set<String> insecure = new HashSet<>();
            Map<String, SandpodConfig.Mirror> mirrors = new HashMap<>();
            OptionalLong maxBytes = OptionalLong.empty();
            Duration timeout = SandpodConfig.DEFAULT_REGISTRY_TIMEOUT;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                var field = it.next();
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    case "insecureRegistries" -> insecure.addAll(strings(value, "insecureRegistries"));
                    case "mirrors" -> {
                        requireObject(value, "mirrors");
                        for (Iterator<Map.Entry<String, JsonNode>> m = value.fields(); m.hasNext(); ) {
                            var mirror = m.next();
                            mirrors.put(mirror.getKey(), mirror(mirror.getValue(), "mirrors." + mirror.getKey()));
                        }
                    }
                    case "store" -> {
                        requireObject(value, "store");
                        for (Iterator<Map.Entry<String, JsonNode>> s = value.fields(); s.hasNext(); ) {
                            var storeField = s.next();
                            if (!storeField.getKey().equals("maxSize")) {
                                throw unknown("store." + storeField.getKey(), "maxSize");
                            }
                            JsonNode size = storeField.getValue();
                            if (!size.isTextual() && !(size.isIntegralNumber() && size.asLong() >= 0)) {
                                throw new ConfigException(file, line("maxSize"), "store.maxSize",
                                        "must be a size in quotes such as \"20GiB\", or a whole number of bytes");
                            }
                            try {
                                maxBytes = OptionalLong.of(size.isTextual() ? ByteSizes.parse(size.asText()) : size.asLong());
                            } catch (IllegalArgumentException e) {
                                throw new ConfigException(file, line("maxSize"), "store.maxSize", e.getMessage());
                            }
                        }
                    }
                    case "registryTimeoutSeconds" -> {
                        if (!value.isIntegralNumber() || value.asLong() <= 0) {
                            throw new ConfigException(file, line("registryTimeoutSeconds"), "registryTimeoutSeconds",
                                    "must be a positive whole number of seconds");
                        }
                        timeout = Duration.ofSeconds(value.asLong());
                    }
                    default -> throw unknown(field.getKey(), "insecureRegistries, mirrors, store, registryTimeoutSeconds");
                }
            }
            return new SandpodConfig(insecure, mirrors, maxBytes, timeout);
        }

        private SandpodConfig.Mirror mirror(JsonNode node, String path) throws ConfigException {
            requireObject(node, path);
            List<String> endpoints = new ArrayList<>();
            boolean fallback = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                switch (field.getKey()) {
                    case "endpoints" -> endpoints.addAll(strings(field.getValue(), path + ".endpoints"));
                    case "fallback" -> {
                        if (!field.getValue().isBoolean()) {
                            throw new ConfigException(file, line("fallback"), path + ".fallback", "must be true or false");
                        }
                        fallback = field.getValue().asBoolean();
                    }
                    default -> throw unknown(path + "." + field.getKey(), "endpoints, fallback");
                }
            }
            if (endpoints.isEmpty()) {
                throw new ConfigException(file, line("mirrors"), path + ".endpoints", "lists no mirror");
            }
            return new SandpodConfig.Mirror(endpoints, fallback);
        }

        private List<String> strings(JsonNode node, String path) throws ConfigException {
            if (!node.isArray()) {
                throw new ConfigException(file, line(lastPart(path)), path, "must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual() || element.asText().isBlank()) {
                    throw new ConfigException(file, line(lastPart(path)), path, "must be a list of non-empty strings");
                }
                out.add(element.asText());
            }
            return out;
        }

        private void requireObject(JsonNode node, String path) throws ConfigException {
            if (!node.isObject()) {
                throw new ConfigException(file, path.isEmpty() ? 1 : line(lastPart(path)), path, "must be a JSON object");
            }
        }

        private ConfigException unknown(String path, String known) {
            return new ConfigException(file, line(lastPart(path)), path, "unknown setting; known here: " + known);
        }

        private static String lastPart(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        /** The first line that holds the key in quotes: good enough to point a person at it. */
        private int line(String key) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("\"" + key + "\"")) {
                    return i + 1;
                }
            }
            return 0;
        }
    }
}
