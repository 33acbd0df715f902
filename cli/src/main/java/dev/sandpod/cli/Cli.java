package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.core.SandpodException;
import dev.sandpod.state.RootLayout;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** What every subcommand needs: the root, the output streams, and a client of the root's daemon. */
final class Cli {
    private Cli() {
    }

    static RootLayout layout(CommandSpec spec) {
        return RootLayout.of(top(spec).root());
    }

    /** A client of the root's daemon, started first if none answers; every command but the daemon's own works through it. */
    static SandpodClient client(CommandSpec spec) throws ApiException, SandpodException {
        return daemons(spec).connect(layout(spec));
    }

    static DaemonConnector daemons(CommandSpec spec) {
        return top(spec).daemons();
    }

    private static SandpodCommand top(CommandSpec spec) {
        return (SandpodCommand) spec.root().userObject();
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static PrintWriter err(CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    /** Whether stderr is a terminal that can redraw progress bars. */
    static boolean interactive() {
        var console = System.console();
        return console != null && console.isTerminal() && !"dumb".equals(System.getenv("TERM"));
    }
}
