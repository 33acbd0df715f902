package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.DaemonUnreachableException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.core.SandpodException;
import dev.sandpod.state.ConfigReader;
import dev.sandpod.state.RootLayout;

/**
 * How commands reach their root's daemon, which does all their work: the one that answers on the root's socket, or
 * one {@link #start started} first. {@link Main} starts daemons in the background ({@link Daemons}); the CLI's
 * tests start them in their own JVM.
 */
@FunctionalInterface
interface DaemonConnector {
    /** Starts a daemon for the root; returns once it answers on the root's socket. */
    void start(RootLayout layout) throws ApiException, SandpodException;

    /** A client of the root's daemon, started first if none answers. */
    default SandpodClient connect(RootLayout layout) throws ApiException, SandpodException {
        SandpodClient client = SandpodClient.connect(layout.daemonSocket());
        try {
            client.version();
        } catch (DaemonUnreachableException none) {
            // A daemon can't start on a broken config.json: say what is wrong with the file (line, field), not just that it died.
            ConfigReader.read(layout.configFile());
            start(layout);
        }
        return client;
    }
}
