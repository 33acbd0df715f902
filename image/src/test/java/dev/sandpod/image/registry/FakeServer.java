package dev.sandpod.image.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/** A scripted HTTP server on a loopback address that records every request it gets. */
final class FakeServer implements AutoCloseable {
    /** A request as the server saw it. */
    record Seen(String method, String pathAndQuery, Optional<String> authorization, Optional<String> range,
                Optional<String> accept, byte[] body) {
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    FakeServer() {
        this("127.0.0.1");
    }

    FakeServer(String address) {
        try {
            server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.start();
    }

    /** Serves every path under {@code prefix} with {@code handler}, recording each request first. */
    FakeServer route(String prefix, Handler handler) {
        server.createContext(prefix, exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        Optional.ofNullable(h.getFirst("Authorization")), Optional.ofNullable(h.getFirst("Range")),
                        Optional.ofNullable(h.getFirst("Accept")), body));
                handler.handle(exchange);
            }
        });
        return this;
    }

    String host() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    String url(String path) {
        return "http://" + host() + path;
    }

    RegistryEndpoint endpoint() {
        return new RegistryEndpoint(host(), true);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(String pathPrefix) {
        return seen.stream().filter(s -> s.pathAndQuery().startsWith(pathPrefix)).toList();
    }

    static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        respond(exchange, status, "application/json",
                "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":{\"x\":1}}]}");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
