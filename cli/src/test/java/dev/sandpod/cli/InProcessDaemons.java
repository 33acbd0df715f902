package dev.sandpod.cli;

import dev.sandpod.api.Daemon;
import dev.sandpod.api.DaemonOptions;
import dev.sandpod.core.SandpodException;
import dev.sandpod.state.RootLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * How the CLI's tests reach a root's daemon: the one that answers (a test's own, or one a launcher started), else
 * one started in this JVM, which {@link #stopAll} stops once the command is done, so a test's root holds no open
 * files or sockets between commands, as with the CLI before it had a daemon.
 */
final class InProcessDaemons implements DaemonConnector {
    private final List<Daemon> started = new ArrayList<>();

    @Override
    public void start(RootLayout layout) throws SandpodException {
        started.add(Daemon.start(layout, DaemonOptions.defaults()));
    }

    void stopAll() {
        started.forEach(Daemon::stop);
        started.clear();
    }
}
