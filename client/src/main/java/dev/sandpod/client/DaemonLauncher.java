package dev.sandpod.client;

import dev.sandpod.client.model.VersionInfo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure a daemon answers on a root's socket, starting one in the background when none does, as
 * Bazel's client does: detached (a new session, stdin from /dev/null, output appended to the root's log),
 * then waits for the socket, bounded, failing with the log's tail if the daemon doesn't come up.
 *
 * @param socket  the socket the daemon will listen on
 * @param log     where the started daemon's output goes
 * @param command the daemon's argv (see {@link #sameJvm})
 * @param timeout how long to wait for the socket
 */
public record DaemonLauncher(Path socket, Path log, List<String> command, Duration timeout) {
    /** The exit code of a daemon that found another one holding the root: keep waiting for that one's socket. */
    public static final int EXIT_ALREADY_RUNNING = 3;
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final int LOG_TAIL_LINES = 20;

    public DaemonLauncher {
        command = List.copyOf(command);
    }

    /**
     * What {@link #ensureRunning()} found.
     *
     * @param started the process it started, when it had to start one
     */
    public record Running(SandpodClient client, VersionInfo version, Optional<ProcessHandle> started) {
    }

    /** The command that runs {@code mainClass args...} with this JVM's java and class path. */
    public static List<String> sameJvm(String mainClass, List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> argv = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), mainClass));
        argv.addAll(args);
        return argv;
    }

    /** A client of the daemon on the socket, started first if none answers. */
    public Running ensureRunning() throws ApiException {
        SandpodClient client = SandpodClient.connect(socket);
        try {
            return new Running(client, client.version(), Optional.empty());
        } catch (DaemonUnreachableException e) {
            Process process = start();
            return new Running(client, waitForSocket(client, process), Optional.of(process.toHandle()));
        }
    }

    private Process start() throws DaemonStartException {
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            argv.add(SETSID.toString());
        }
        argv.addAll(command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new ProcessBuilder(argv)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new DaemonStartException("can't start a daemon (" + String.join(" ", command.subList(0, 1)) + "): " + e.getMessage(),
                    log.toString(), "");
        }
    }

    private VersionInfo waitForSocket(SandpodClient client, Process process) throws DaemonStartException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean othersDaemon = false;
        while (System.nanoTime() < deadline) {
            try {
                return client.version();
            } catch (DaemonUnreachableException e) {
                if (!othersDaemon && !process.isAlive()) {
                    if (process.exitValue() != EXIT_ALREADY_RUNNING) {
                        throw new DaemonStartException("the daemon started in the background exited with status "
                                + process.exitValue() + " before it listened on " + socket, log.toString(), tail());
                    }
                    othersDaemon = true;
                }
                pause();
            } catch (ApiException e) {
                throw new DaemonStartException("the daemon started in the background answers with an error: " + e.getMessage(),
                        log.toString(), tail());
            }
        }
        throw new DaemonStartException("no daemon listened on " + socket + " within " + timeout.toMillis() + " ms",
                log.toString(), tail());
    }

    private static void pause() throws DaemonStartException {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonStartException("interrupted while waiting for the daemon", "", "");
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(can't read " + log + ": " + e.getMessage() + ")";
        }
    }
}
