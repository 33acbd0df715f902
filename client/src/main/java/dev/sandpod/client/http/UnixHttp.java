package dev.sandpod.client.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 client over a {@link SocketChannel}, to the daemon's unix socket or its loopback TCP port
 * (named for the first; a TCP address adds its bearer token to every request): one request per connection, closed
 * by this side once the response is read, bodies by Content-Length or chunked, responses read as a stream. It never
 * asks for {@code Connection: close}: that would let the daemon end a body of unknown length by closing, and a
 * body the daemon broke off (a failed archive) would look whole. Small on purpose:
 * the CLI loads it on every command, so it must cost next to nothing to start.
 */
public final class UnixHttp {
    private final DaemonAddress address;
    private final Optional<String> bearerToken;

    public UnixHttp(Path socket) {
        this(DaemonAddress.unix(socket), Optional.empty());
    }

    /** @param bearerToken sent as {@code Authorization: Bearer ...} on every request (the TCP listener wants it) */
    public UnixHttp(DaemonAddress address, Optional<String> bearerToken) {
        this.address = address;
        this.bearerToken = bearerToken;
        bearerToken.ifPresent(UnixHttp::checkToken);
    }

    public DaemonAddress address() {
        return address;
    }

    /** Connects; a missing socket or nobody listening is a {@link java.net.ConnectException} or {@link java.net.SocketException}. */
    public SocketChannel connect() throws IOException {
        return address.open();
    }

    /** A token goes into a header line: anything that could end or split that line is refused here. */
    private static void checkToken(String token) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a bearer token is printable ASCII without spaces");
        }
    }

    /**
     * Sends one request and returns the response with its body unread. If the daemon answers before the
     * body is all sent (a 413, say) and closes, the answer is still returned.
     *
     * @param path the path and query, already percent-encoded
     */
    public HttpResponse send(String method, String path, Map<String, String> headers, Optional<RequestBody> body) throws IOException {
        SocketChannel channel = connect();
        try {
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
            IOException writeFailure = null;
            try {
                writeRequest(out, method, path, withAuthorization(headers), body);
            } catch (IOException e) {
                writeFailure = e;
                endRequest(channel, e);
            }
            HttpResponse response;
            try {
                response = readResponse(in, channel);
            } catch (IOException e) {
                if (writeFailure != null) {
                    e.addSuppressed(writeFailure);
                }
                throw e;
            }
            return response;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * After a failed write (the daemon answered early and closed, or the body's own source failed), ends this side so
     * the daemon sees the request cut short instead of waiting for the rest while we wait for its answer.
     */
    private static void endRequest(SocketChannel channel, IOException writeFailure) {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            writeFailure.addSuppressed(e);
        }
    }

    private Map<String, String> withAuthorization(Map<String, String> headers) {
        if (bearerToken.isEmpty()) {
            return headers;
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "Bearer " + bearerToken.get());
        return all;
    }

    private static void writeRequest(OutputStream out, String method, String path, Map<String, String> headers,
                                     Optional<RequestBody> body) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append("Host: sandpod\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body.isPresent()) {
            head.append("Content-Type: ").append(body.get().contentType()).append("\r\n");
            if (body.get().length().isPresent()) {
                head.append("Content-Length: ").append(body.get().length().getAsLong()).append("\r\n");
            } else {
                head.append("Transfer-Encoding: chunked\r\n");
            }
        } else if (method.equals("POST") || method.equals("PUT")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body.isPresent()) {
            if (body.get().length().isPresent()) {
                body.get().writeTo(out);
            } else {
                ChunkedOutputStream chunked = new ChunkedOutputStream(out);
                body.get().writeTo(chunked);
                chunked.finish();
            }
        }
        out.flush();
    }

    private static HttpResponse readResponse(InputStream in, SocketChannel channel) throws IOException {
        while (true) {
            String statusLine = HttpWire.readLine(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response from the daemon: '" + statusLine + "'");
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("bad status line from the daemon: '" + statusLine + "'", e);
            }
            Map<String, String> headers = new HashMap<>();
            for (String line = HttpWire.readLine(in); !line.isEmpty(); line = HttpWire.readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            return new HttpResponse(status, headers, bodyOf(in, headers, channel));
        }
    }

    private static InputStream bodyOf(InputStream in, Map<String, String> headers, SocketChannel channel) throws IOException {
        InputStream closing = new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            return new ChunkedInputStream(closing);
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return new LengthInputStream(closing, Long.parseLong(length));
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length from the daemon: '" + length + "'", e);
            }
        }
        return closing;
    }
}
