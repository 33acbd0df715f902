package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.VersionInfo;
import dev.sandpod.state.RootLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * `sandpod daemon stop`: asks the root's daemon to stop gracefully and waits until it has let go of the
 * root (so a new daemon can start right after). Containers keep running. No daemon running is not an error.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the root's daemon gracefully (containers keep running).")
final class DaemonStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ApiException, CommandFailedException, InterruptedException {
        RootLayout layout = Cli.layout(spec);
        Optional<VersionInfo> stopped = Daemons.stop(layout);
        Cli.out(spec).println(stopped.map(v -> "stopped the daemon (pid " + v.pid() + ")").orElse("no daemon runs for " + layout.root()));
        return 0;
    }
}
