package dev.sandpod.state;

import java.nio.file.Path;

/**
 * Where everything of one sandpod root lives. The default root keeps runtime files in /run/sandpod;
 * a root given with --root keeps them in ROOT/run, so several roots can run side by side.
 */
public record RootLayout(Path root, Path runtimeDir) {
    public static final Path DEFAULT_ROOT = Path.of("/var/lib/sandpod");
    public static final Path DEFAULT_RUNTIME_DIR = Path.of("/run/sandpod");

    public static RootLayout of(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        return new RootLayout(absolute, absolute.equals(DEFAULT_ROOT) ? DEFAULT_RUNTIME_DIR : absolute.resolve("run"));
    }

    public Path stateDb() {
        return root.resolve("state.db");
    }

    public Path configFile() {
        return root.resolve("config.json");
    }

    public Path contentDir() {
        return root.resolve("content");
    }

    public Path layersDir() {
        return root.resolve("layers");
    }

    public Path sandboxesDir() {
        return root.resolve("sandboxes");
    }

    public Path secretsDir() {
        return root.resolve("secrets");
    }

    /** The daemon's API socket. */
    public Path daemonSocket() {
        return runtimeDir.resolve("sandpod.sock");
    }

    /** Held by the running daemon for its whole life, so a root never has two; holds its pid. */
    public Path daemonLock() {
        return runtimeDir.resolve("daemon.lock");
    }

    /**
     * The bearer token a daemon's loopback TCP listener ({@code --listen}) asks for: 0600, made on first use, kept
     * with the root's state so clients keep working across daemon restarts.
     */
    public Path daemonToken() {
        return root.resolve("daemon.token");
    }

    /** Where a daemon started in the background writes its output. */
    public Path daemonLog() {
        return root.resolve("daemon.log");
    }

    public Path locksDir() {
        return root.resolve("locks");
    }
}
