package dev.sandpod.api.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.api.http.ApiJson;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /v1/openapi.json}: the OpenAPI 3.1 document kept in the repository beside this class. */
public final class GetOpenApi implements Operation {
    public static final String RESOURCE = "/dev/sandpod/api/openapi.json";

    /** The document, read from the class path. */
    public static JsonNode document() {
        try (InputStream in = GetOpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the build lost " + RESOURCE);
            }
            return ApiJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("can't read " + RESOURCE, e);
        }
    }

    @Override
    public void handle(Exchange exchange) throws IOException {
        exchange.respond(200, document());
    }
}
