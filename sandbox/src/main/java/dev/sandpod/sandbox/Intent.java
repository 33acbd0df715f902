package dev.sandpod.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A logged intent to make something outside the process.
 *
 * @param action  one of {@link IntentLog#POD_NETWORK}, {@link IntentLog#POD_FILES}, {@link IntentLog#CONTAINER_CREATE},
 *                {@link IntentLog#CONTAINER_RECREATE}
 * @param object  the sandbox id it belongs to
 * @param payload what recovery needs to find the thing: service name, container id, directory
 */
public record Intent(long id, String action, String object, JsonNode payload, Instant createdAt) {
    String text(String field) {
        return payload.path(field).asText();
    }
}
