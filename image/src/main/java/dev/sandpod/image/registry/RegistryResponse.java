package dev.sandpod.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A received status and headers with the body still unread; closing it releases the connection. */
final class RegistryResponse implements AutoCloseable {
    private final HttpURLConnection connection;
    private final int status;
    private final URI uri;
    private InputStream body;

    RegistryResponse(HttpURLConnection connection, int status, URI uri) {
        this.connection = connection;
        this.status = status;
        this.uri = uri;
    }

    int status() {
        return status;
    }

    /** The URI that produced this response, after redirects; relative Locations resolve against it. */
    URI uri() {
        return uri;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(connection.getHeaderField(name));
    }

    /** Every value of a header, matching the name case-insensitively (servers vary in spelling). */
    List<String> headers(String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : connection.getHeaderFields().entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                values.addAll(e.getValue());
            }
        }
        return values;
    }

    OptionalLong contentLength() {
        long length = connection.getContentLengthLong();
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    /** The body; for an error status the error stream, which may be empty. */
    InputStream body() throws IOException {
        if (body == null) {
            InputStream s = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            body = s != null ? s : InputStream.nullInputStream();
        }
        return body;
    }

    /** Reads at most {@code limit} bytes of the body. */
    byte[] readBody(int limit) throws IOException {
        return body().readNBytes(limit);
    }

    @Override
    public void close() {
        try {
            if (body != null) {
                body.close();
            } else {
                connection.disconnect();
            }
        } catch (IOException e) {
            // The body may be half read; closing the socket is all that is left to do.
            connection.disconnect();
        }
    }
}
