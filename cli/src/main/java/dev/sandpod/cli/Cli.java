package dev.sandpod.cli;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.state.RootLayout;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

/** What every subcommand needs: the root, the output streams, and the services opened on that root. */
final class Cli {
    private Cli() {
    }

    static RootLayout layout(CommandSpec spec) {
        SandpodCommand root = (SandpodCommand) spec.root().userObject();
        return RootLayout.of(root.root());
    }

    static ImageService images(CommandSpec spec) throws SandpodException {
        return ImageService.open(layout(spec));
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
