package dev.sandpod.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandpod.api.Daemon;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.state.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real daemon in this JVM (reconciling as {@link SandboxCommandsTest#FAST}) on a root under a test's temp dir, with
 * the busybox image {@link SandboxCommandsTest#IMAGE} loaded. {@link #cli} runs `sandpod` against it and notes the
 * bridges its sandboxes have; {@link #close} removes every sandbox, stops the daemon and asserts nothing is left.
 */
final class SandboxDaemonFixture implements AutoCloseable {
    private final Path tmp;
    private final Path root;
    private final RootLayout layout;
    private final Daemon daemon;
    private final SandpodClient client;
    /** Every bridge this test's sandboxes had, noted after each command. */
    private final Set<String> bridges = new TreeSet<>();

    private SandboxDaemonFixture(Path tmp) throws Exception {
        this.tmp = tmp;
        root = tmp.resolve("root");
        layout = RootLayout.of(root);
        daemon = Daemon.start(layout, SandboxCommandsTest.FAST);
        client = SandpodClient.connect(layout.daemonSocket());
    }

    /** Starts the daemon on {@code tmp}/root and loads busybox; skips the test on a host that can't run sandboxes. */
    static SandboxDaemonFixture start(Path tmp) throws Exception {
        SandboxCommandsTest.assumeHost();
        // the layers must be reachable through the root for the container's processes
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        SandboxDaemonFixture fixture = new SandboxDaemonFixture(tmp);
        try {
            SandboxCommandsTest.loadBusybox(fixture.client, tmp);
        } catch (Throwable e) {
            try {
                fixture.close();
            } catch (Throwable cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return fixture;
    }

    Path root() {
        return root;
    }

    RootLayout layout() {
        return layout;
    }

    SandpodClient client() {
        return client;
    }

    /** Runs `sandpod --root ROOT ARGS...`, then notes the bridges the root's sandboxes have. */
    CliRun cli(String... args) {
        CliRun run = CliRun.run(root, args);
        try {
            bridges.addAll(SandboxHost.bridgesOf(layout));
        } catch (Exception e) {
            throw new AssertionError("can't list the subnet allocations", e);
        }
        return run;
    }

    /** {@link #cli}, asserting that the command succeeded. */
    CliRun ok(String... args) {
        return Roots.ok(cli(args));
    }

    /** Removes every sandbox with `rm -f --all`, stops the daemon, then asserts that nothing of the root is left. */
    @Override
    public void close() throws Exception {
        CliRun rm = cli("rm", "-f", "--all");
        daemon.stop();
        assertEquals(0, rm.exitCode(), rm.toString());
        assertEquals(List.of(), SandboxHost.leftovers(tmp, layout, bridges));
    }
}
