package dev.sandpod.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.client.http.HttpResponse;
import dev.sandpod.client.http.RequestBody;
import dev.sandpod.client.http.UnixHttp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Requests as curl would send them, for what the typed client never sends (bad JSON, unknown routes). */
record Raw(Path socket) {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String contentType, JsonNode json) {
        String code() {
            return json.path("code").asText();
        }

        String field() {
            return json.path("details").path("field").asText();
        }
    }

    Answer send(String method, String path, String jsonBody) throws Exception {
        Optional<RequestBody> body = jsonBody == null ? Optional.empty()
                : Optional.of(RequestBody.bytes("application/json", jsonBody.getBytes(StandardCharsets.UTF_8)));
        try (HttpResponse response = new UnixHttp(socket).send(method, path, Map.of(), body)) {
            byte[] bytes = response.readAll();
            return new Answer(response.status(), response.header("content-type").orElse(""), JSON.readTree(bytes));
        }
    }
}
