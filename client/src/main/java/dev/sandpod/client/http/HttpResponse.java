package dev.sandpod.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * A response whose body is read from the connection as the caller goes (so a stream of events can be
 * followed); closing it closes the connection.
 *
 * @param headers header names in lower case; a repeated header keeps its last value
 */
public record HttpResponse(int status, Map<String, String> headers, InputStream body) implements AutoCloseable {
    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public byte[] readAll() throws IOException {
        return body.readAllBytes();
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
