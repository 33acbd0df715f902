package dev.sandpod.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import dev.sandpod.image.registry.local.LocalRegistry;

/**
 * A Docker-token-auth server for a {@link LocalRegistry} ({@link #registry}): checks Basic credentials and issues RS256
 * JWTs granting whatever scope was asked, signed with a key whose self-signed certificate travels in the
 * header's {@code x5c} and is the registry's {@code rootcertbundle}.
 */
public final class TokenServer implements LocalRegistry.AuthServer {
    /**
     * A registry that wants Bearer tokens (Docker token auth) from a token server in this JVM, which accepts
     * these Basic credentials and grants any scope asked for.
     */
    public static LocalRegistry registry(String username, String password) throws IOException {
        return LocalRegistry.withAuthServer(directory -> new TokenServer(directory, username, password));
    }

    static final String ISSUER = "sandpod-test-issuer";
    static final String SERVICE = "sandpod-test-registry";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String expectedAuthorization;
    private final PrivateKey key;
    private final String certificateDer;
    private final AtomicInteger issued = new AtomicInteger();
    private final Path directory;

    /** Makes a key and a self-signed certificate with openssl in {@code directory}, then listens on 127.0.0.1. */
    TokenServer(Path directory, String username, String password) throws IOException {
        this.directory = directory;
        Path keyFile = directory.resolve("token-key.pem");
        Path certFile = certificate(directory);
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=sandpod-test-token", "-keyout", keyFile.toString(), "-out", certFile.toString()));
        this.key = privateKey(Files.readString(keyFile));
        this.certificateDer = pemBody(Files.readString(certFile), "CERTIFICATE");
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/token", this::serve);
        server.start();
    }

    /** The PEM file the registry trusts. */
    static Path certificate(Path directory) {
        return directory.resolve("token-cert.pem");
    }

    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    @Override
    public String registryAuthConfig() {
        return "auth:\n  token:\n    realm: " + realm() + "\n    service: " + SERVICE
                + "\n    issuer: " + ISSUER + "\n    rootcertbundle: " + certificate(directory) + "\n";
    }

    @Override
    public int tokensIssued() {
        return issued();
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(command.getFirst() + " failed with exit code " + p.exitValue());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
        return out;
    }

    /** How many tokens were handed out, so tests can see caching. */
    int issued() {
        return issued.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            byte[] body = JSON.writeValueAsBytes(Map.of("token", sign(query.getOrDefault("scope", "")), "expires_in", 300));
            issued.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    /** A JWT granting a scope such as {@code repository:app:pull,push}. */
    private String sign(String scope) throws IOException {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "test-user");
        claims.put("aud", SERVICE);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 10);
        claims.put("iat", now - 10);
        claims.put("jti", UUID.randomUUID().toString());
        String[] parts = scope.split(":");
        claims.put("access", parts.length == 3
                ? List.of(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))))
                : List.of());
        Map<String, Object> header = Map.of("typ", "JWT", "alg", "RS256", "x5c", List.of(certificateDer));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "." + b64.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot sign a token", e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return result;
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody(pem, "PRIVATE KEY"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IOException("openssl wrote a key Java can't read", e);
        }
    }

    /** The base64 body of the first PEM block of a type (standard base64: what x5c wants). */
    private static String pemBody(String pem, String type) throws IOException {
        String begin = "-----BEGIN " + type + "-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END " + type + "-----");
        if (start < 0 || end < 0) {
            throw new IOException("no " + type + " PEM block");
        }
        return pem.substring(start + begin.length(), end).replaceAll("\\s", "");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
