package dev.sandpod.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sandpod.image.oci.MediaTypes;
import dev.sandpod.image.ref.Digest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry on 127.0.0.1 made with the JDK's HTTP server, for what a real registry won't do: serve a
 * blob whose bytes don't match its digest, or send slowly. Honours {@code Range: bytes=N-} and records it.
 */
final class FakeRegistry implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final List<String> rangeRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger blobRequests = new AtomicInteger();
    /** Bytes per 10 ms while sending a blob; 0 sends at full speed. */
    volatile int throttle;

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/v2/", this::serve);
        server.start();
    }

    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves the image under repository:tag, with its blobs as they are. */
    void add(String repository, String tag, RawImage image) {
        manifests.put(repository + ":" + tag, image.manifest());
        manifests.put(repository + ":" + image.manifestDigest(), image.manifest());
        image.blobs().forEach((d, b) -> blobs.put(d.toString(), b));
    }

    /** Serves other bytes for a blob than its digest promises. */
    void lieAbout(Digest blob, byte[] bytes) {
        blobs.put(blob.toString(), bytes);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/v2/")) {
                send(ex, 200, "application/json", "{}".getBytes(), 0);
                return;
            }
            int m = path.lastIndexOf("/manifests/");
            if (m > 0) {
                String key = path.substring(4, m) + ":" + path.substring(m + 11);
                byte[] manifest = manifests.get(key);
                if (manifest == null) {
                    send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}".getBytes(), 0);
                    return;
                }
                ex.getResponseHeaders().add("Docker-Content-Digest", Digest.sha256(manifest).toString());
                send(ex, 200, MediaTypes.OCI_MANIFEST, ex.getRequestMethod().equals("HEAD") ? null : manifest, 0);
                return;
            }
            int b = path.lastIndexOf("/blobs/");
            byte[] blob = b > 0 ? blobs.get(path.substring(b + 7)) : null;
            if (blob == null) {
                send(ex, 404, "application/json", "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown\"}]}".getBytes(), 0);
                return;
            }
            blobRequests.incrementAndGet();
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range != null) {
                rangeRequests.add(range);
                Matcher r = RANGE.matcher(range);
                if (r.matches()) {
                    int from = Integer.parseInt(r.group(1));
                    ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length);
                    send(ex, 206, "application/octet-stream", blob, from);
                    return;
                }
            }
            send(ex, 200, "application/octet-stream", blob, 0);
        }
    }

    private void send(HttpExchange ex, int status, String type, byte[] body, int from) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.getResponseHeaders().add("Docker-Distribution-Api-Version", "registry/2.0");
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length - from);
        OutputStream out = ex.getResponseBody();
        int chunk = throttle;
        if (chunk <= 0) {
            out.write(body, from, body.length - from);
            return;
        }
        try {
            for (int at = from; at < body.length; at += chunk) {
                out.write(body, at, Math.min(chunk, body.length - at));
                out.flush();
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
