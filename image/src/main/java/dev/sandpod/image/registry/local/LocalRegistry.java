package dev.sandpod.image.registry.local;

import dev.sandpod.core.FileTrees;

import dev.sandpod.image.registry.RegistryEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private registry on this machine: Debian's {@code docker-registry} (distribution 2.x) on a free 127.0.0.1 port, with its storage and config in
 * a temporary directory. Use it in try-with-resources: {@link #close()} kills the process this fixture started
 * (by its handle, never by name) and deletes the directory; a shutdown hook covers a JVM that exits early.
 */
public final class LocalRegistry implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final long READY_TIMEOUT_MILLIS = 15_000;
    private static final int START_ATTEMPTS = 3;

    private final Path directory;
    private final Process process;
    private final String host;
    private final Thread shutdownHook;
    private final Optional<AuthServer> tokenServer;

    /**
     * An auth service that runs beside the registry (for example a token server) and the registry config that
     * points at it; made from the registry's directory, closed with the registry.
     */
    public interface AuthServer extends AutoCloseable {
        String registryAuthConfig();

        int tokensIssued();

        @Override
        void close();
    }

    /** Makes an {@link AuthServer} in the registry's directory. */
    @FunctionalInterface
    public interface AuthServerFactory {
        AuthServer start(Path registryDirectory) throws IOException;
    }

    private LocalRegistry(Path directory, Process process, String host, Optional<AuthServer> tokenServer) {
        this.directory = directory;
        this.process = process;
        this.host = host;
        this.tokenServer = tokenServer;
        this.shutdownHook = new Thread(process::destroyForcibly, "local-registry-reaper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Whether the registry binary is installed; tests use it with {@code Assumptions.assumeTrue}. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** A registry that needs no authentication. */
    public static LocalRegistry start() throws IOException {
        return start(Optional.empty(), Optional.empty());
    }

    /** A registry that wants HTTP Basic credentials checked against a bcrypt htpasswd file. */
    public static LocalRegistry withBasicAuth(String username, String password) throws IOException {
        return start(Optional.of(new String[] {username, password}), Optional.empty());
    }

    /** A registry whose auth is served by the given auth server (Docker token auth, for example). */
    public static LocalRegistry withAuthServer(AuthServerFactory factory) throws IOException {
        return start(Optional.empty(), Optional.of(factory));
    }

    private static LocalRegistry start(Optional<String[]> basicAuth, Optional<AuthServerFactory> tokenAuth) throws IOException {
        Path directory = Files.createTempDirectory("sandpod-registry-");
        Optional<AuthServer> tokenServer = Optional.empty();
        try {
            String authConfig = "";
            if (basicAuth.isPresent()) {
                Path htpasswd = directory.resolve("htpasswd");
                Files.writeString(htpasswd, run(List.of("htpasswd", "-Bbn", basicAuth.get()[0], basicAuth.get()[1])).strip() + "\n");
                authConfig = "auth:\n  htpasswd:\n    realm: sandpod-test\n    path: " + htpasswd + "\n";
            }
            if (tokenAuth.isPresent()) {
                tokenServer = Optional.of(tokenAuth.get().start(directory));
                authConfig = tokenServer.get().registryAuthConfig();
            }
            IOException last = null;
            for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
                try {
                    return launch(directory, authConfig, tokenServer);
                } catch (PortTakenException e) {
                    last = e; // another process took the port between probing and binding: pick another
                }
            }
            throw last;
        } catch (IOException | RuntimeException e) {
            tokenServer.ifPresent(AuthServer::close);
            deleteTree(directory);
            throw e;
        }
    }

    private static LocalRegistry launch(Path directory, String authConfig, Optional<AuthServer> tokenServer) throws IOException {
        String host = "127.0.0.1:" + freePort();
        Path config = directory.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: error
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s
                """.formatted(directory.resolve("data"), host) + authConfig);
        Path log = directory.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalRegistry registry = new LocalRegistry(directory, process, host, tokenServer);
        try {
            registry.awaitReady();
            return registry;
        } catch (IOException | RuntimeException e) {
            registry.stopProcess();
            throw e;
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                String output = log();
                if (output.contains("address already in use")) {
                    throw new PortTakenException(output);
                }
                throw new IOException("docker-registry exited with " + process.exitValue() + ": " + output);
            }
            if (answers()) {
                return;
            }
            sleep(50);
        }
        throw new IOException("docker-registry did not answer on " + host + " within " + READY_TIMEOUT_MILLIS + " ms: " + log());
    }

    /** GET /v2/ answers 200, or 401 when auth is on: the API is up. */
    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + "/v2/").toURL().openConnection();
            c.setConnectTimeout(200);
            c.setReadTimeout(1000);
            try {
                int status = c.getResponseCode();
                return status == 200 || status == 401;
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return false; // not listening yet; the caller retries until its deadline
        }
    }

    public String host() {
        return host;
    }

    public RegistryEndpoint endpoint() {
        return new RegistryEndpoint(host, true);
    }

    public Path directory() {
        return directory;
    }

    /** The registry process, so a test can check it is gone after {@link #close()}. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** What the registry wrote to stdout and stderr. */
    public String log() {
        try {
            Path log = directory.resolve("registry.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(registry log unreadable: " + e.getMessage() + ")";
        }
    }

    /** How many tokens the token server issued (0 without token auth), so tests can observe token caching. */
    public int tokensIssued() {
        return tokenServer.map(AuthServer::tokensIssued).orElse(0);
    }

    @Override
    public void close() {
        try {
            stopProcess();
        } finally {
            tokenServer.ifPresent(AuthServer::close);
            deleteTree(directory);
        }
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already exiting and runs the hook itself, which is harmless after destroy.
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    static String run(List<String> command) throws IOException {
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

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for docker-registry", e);
        }
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.deleteTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private static final class PortTakenException extends IOException {
        PortTakenException(String log) {
            super("the chosen port was taken: " + log);
        }
    }
}
