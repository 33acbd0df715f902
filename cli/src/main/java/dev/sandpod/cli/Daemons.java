package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.DaemonLauncher;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.state.RootLayout;

import java.time.Duration;
import java.util.List;

/**
 * How CLI commands reach the daemon of their root: {@link #client} starts one in the background (this
 * JVM's java and class path, `sandpod --root ROOT daemon`, logging to ROOT/daemon.log) when none answers.
 */
final class Daemons {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private Daemons() {
    }

    static DaemonLauncher launcher(RootLayout layout) {
        return new DaemonLauncher(layout.daemonSocket(), layout.daemonLog(),
                DaemonLauncher.sameJvm(Main.class.getName(), List.of("--root", layout.root().toString(), "daemon")), START_TIMEOUT);
    }

    /** A client of the root's daemon, started first if none runs. */
    static SandpodClient client(RootLayout layout) throws ApiException {
        return launcher(layout).ensureRunning().client();
    }
}
