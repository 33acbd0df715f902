package dev.sandpod.cli;

import dev.sandpod.api.DaemonLock;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.DaemonLauncher;
import dev.sandpod.client.DaemonUnreachableException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.VersionInfo;
import dev.sandpod.state.RootLayout;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the CLI reaches the daemon of its root: {@link #BACKGROUND} starts one in the background (this JVM's java
 * and class path, `sandpod --root ROOT daemon`, logging to ROOT/daemon.log) when none answers.
 */
final class Daemons {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    static final DaemonConnector BACKGROUND = layout -> launcher(layout).ensureRunning();

    private Daemons() {
    }

    static DaemonLauncher launcher(RootLayout layout) {
        return new DaemonLauncher(layout.daemonSocket(), layout.daemonLog(),
                DaemonLauncher.sameJvm(Main.class.getName(), List.of("--root", layout.root().toString(), "daemon")), START_TIMEOUT);
    }

    /**
     * Asks the root's daemon to stop gracefully and waits until it has let go of the root (so a new one can start
     * right after). Containers keep running.
     *
     * @return the daemon that stopped; empty when none ran
     */
    static Optional<VersionInfo> stop(RootLayout layout) throws ApiException, CommandFailedException, InterruptedException {
        SandpodClient client = SandpodClient.connect(layout.daemonSocket());
        VersionInfo version;
        try {
            version = client.version();
        } catch (DaemonUnreachableException none) {
            return Optional.empty();
        }
        client.stopDaemon();
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (DaemonLock.isHeld(layout)) {
            if (System.nanoTime() > deadline) {
                throw new CommandFailedException("the daemon (pid " + version.pid() + ") did not stop within " + STOP_TIMEOUT.toSeconds() + " s",
                        "see " + layout.daemonLog() + "; `kill " + version.pid() + "` stops it (containers keep running)", null);
            }
            Thread.sleep(20);
        }
        return Optional.of(version);
    }
}
