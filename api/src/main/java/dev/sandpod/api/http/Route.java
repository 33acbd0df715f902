package dev.sandpod.api.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A method and a path template such as {@code /v1/secrets/{name}}. A last parameter written
 * {@code {ref...}} takes the rest of the path, slashes included (image references have them); the
 * OpenAPI document writes it {@code {ref}}.
 */
public record Route(String method, String template, Operation operation) {
    /** The template as the OpenAPI document writes it. */
    public String openApiPath() {
        return template.replace("...}", "}");
    }

    /** The path parameters if {@code path} fits the template. */
    Optional<Map<String, String>> match(String path) {
        List<String> want = List.of(template.substring(1).split("/", -1));
        List<String> got = List.of(path.substring(1).split("/", -1));
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String segment = want.get(i);
            if (segment.startsWith("{") && segment.endsWith("...}") && i == want.size() - 1) {
                if (got.size() <= i) {
                    return Optional.empty();
                }
                String rest = String.join("/", got.subList(i, got.size()));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 4), rest);
                return Optional.of(params);
            }
            if (i >= got.size()) {
                return Optional.empty();
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (got.get(i).isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), got.get(i));
            } else if (!segment.equals(got.get(i))) {
                return Optional.empty();
            }
        }
        return want.size() == got.size() ? Optional.of(params) : Optional.empty();
    }
}
