package dev.sandpod.cli;

import dev.sandpod.api.DaemonLock;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.DaemonUnreachableException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.VersionInfo;
import dev.sandpod.state.RootLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * `sandpod daemon stop`: asks the root's daemon to stop gracefully and waits until it has let go of the
 * root (so a new daemon can start right after). Containers keep running. No daemon running is not an error.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the root's daemon gracefully (containers keep running).")
final class DaemonStopCommand implements Callable<Integer> {
    static final Duration WAIT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ApiException, CommandFailedException, InterruptedException {
        RootLayout layout = Cli.layout(spec);
        SandpodClient client = SandpodClient.connect(layout.daemonSocket());
        VersionInfo version;
        try {
            version = client.version();
        } catch (DaemonUnreachableException e) {
            Cli.out(spec).println("no daemon runs for " + layout.root());
            return 0;
        }
        client.stopDaemon();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (DaemonLock.isHeld(layout)) {
            if (System.nanoTime() > deadline) {
                throw new CommandFailedException("the daemon (pid " + version.pid() + ") did not stop within " + WAIT.toSeconds() + " s",
                        "see " + layout.daemonLog() + "; `kill " + version.pid() + "` stops it (containers keep running)", null);
            }
            Thread.sleep(20);
        }
        Cli.out(spec).println("stopped the daemon (pid " + version.pid() + ")");
        return 0;
    }
}
