package dev.sandpod.cli;

import dev.sandpod.api.Daemon;
import dev.sandpod.api.DaemonAlreadyRunningException;
import dev.sandpod.api.DaemonOptions;
import dev.sandpod.client.DaemonLauncher;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * `sandpod daemon`: serves the API for the root in the foreground (for systemd) until stopped by
 * `sandpod daemon stop`, SIGTERM or SIGINT. Exits 3 when another daemon already serves the root (the
 * launcher then waits for that one).
 */
@Command(name = "daemon", mixinStandardHelpOptions = true, subcommands = DaemonStopCommand.class,
        description = "Serve the API for the root on ROOT/run/sandpod.sock in the foreground. Other commands start one in the background when none runs.")
final class DaemonCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SandpodException, InterruptedException {
        PrintWriter err = Cli.err(spec);
        Daemon daemon;
        try {
            daemon = Daemon.start(Cli.layout(spec), DaemonOptions.defaults());
        } catch (DaemonAlreadyRunningException e) {
            err.println("error: " + e.getMessage());
            e.hint().ifPresent(h -> err.println("hint: " + h));
            err.flush();
            return DaemonLauncher.EXIT_ALREADY_RUNNING;
        }
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
