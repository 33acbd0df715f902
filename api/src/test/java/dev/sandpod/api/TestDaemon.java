package dev.sandpod.api;

import dev.sandpod.client.SandpodClient;
import dev.sandpod.state.RootLayout;

import java.nio.file.Path;

/** A real daemon in this JVM on a test's own root and socket; close() stops it. */
record TestDaemon(RootLayout layout, Daemon daemon, SandpodClient client) implements AutoCloseable {
    static TestDaemon start(Path root) throws Exception {
        return start(root, DaemonOptions.defaults());
    }

    static TestDaemon start(Path root, DaemonOptions options) throws Exception {
        RootLayout layout = RootLayout.of(root);
        Daemon daemon = Daemon.start(layout, options);
        return new TestDaemon(layout, daemon, SandpodClient.connect(layout.daemonSocket()));
    }

    Raw raw() {
        return new Raw(layout.daemonSocket());
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
