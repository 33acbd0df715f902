package dev.sandpod.cli;

import dev.sandpod.api.Daemon;
import dev.sandpod.api.DaemonAlreadyRunningException;
import dev.sandpod.api.DaemonOptions;
import dev.sandpod.api.ListenAddressException;
import dev.sandpod.api.LoopbackAddress;
import dev.sandpod.client.DaemonLauncher;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * `sandpod daemon`: serves the API for the root in the foreground (for systemd) until stopped by
 * `sandpod daemon stop`, SIGTERM or SIGINT; with --listen also on a loopback TCP port, for requests with the root's
 * bearer token. Exits 3 when another daemon already serves the root (the launcher then waits for that one).
 */
@Command(name = "daemon", mixinStandardHelpOptions = true, subcommands = DaemonStopCommand.class,
        description = "Serve the API for the root on ROOT/run/sandpod.sock in the foreground. Other commands start one in the background when none runs.")
final class DaemonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Also serve on this loopback TCP address (127.0.0.1:PORT), only to requests with the bearer token in ROOT/daemon.token (0600, made if absent).")
    String listen;

    @Override
    public Integer call() throws SandpodException, InterruptedException {
        PrintWriter err = Cli.err(spec);
        DaemonOptions options = DaemonOptions.defaults();
        if (listen != null) {
            try {
                options = options.withListen(LoopbackAddress.parse(listen));
            } catch (ListenAddressException e) {
                throw new UsageException(e.getMessage(), e.hint().orElse(null));
            }
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(Cli.layout(spec), options);
        } catch (DaemonAlreadyRunningException e) {
            err.println("error: " + e.getMessage());
            e.hint().ifPresent(h -> err.println("hint: " + h));
            err.flush();
            return DaemonLauncher.EXIT_ALREADY_RUNNING;
        }
        daemon.tcpAddress().ifPresent(address -> {
            err.println("serving on " + address.getHostString() + ":" + address.getPort() + " too; clients send the bearer token in "
                    + Cli.layout(spec).daemonToken());
            err.flush();
        });
        Thread onSignal = new Thread(daemon::stop, "daemon-signal-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        daemon.awaitStopped();
        removeHook(onSignal);
        return 0;
    }

    /** Drops the signal hook once stopped by a request; when the JVM is already exiting, the hook is what stopped us. */
    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
