package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.core.SandpodException;
import dev.sandpod.state.RootLayout;
import picocli.CommandLine.Model.CommandSpec;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** What every subcommand needs: the root, the output streams, and a client of the root's daemon. */
final class Cli {
    /** The process's own streams, as {@link Main#run} hands them to picocli (tests hand it writers of their own). */
    static final PrintWriter STDOUT = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    static final PrintWriter STDERR = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);

    private Cli() {
    }

    /**
     * Where a command's bytes go unchanged (exec's output): the process's stdout itself, or, when the command
     * line was given a writer of its own, that writer (decoding UTF-8).
     */
    static OutputStream rawOut(CommandSpec spec) {
        PrintWriter out = out(spec);
        return out == STDOUT ? System.out : writerStream(out);
    }

    static OutputStream rawErr(CommandSpec spec) {
        PrintWriter err = err(spec);
        return err == STDERR ? System.err : writerStream(err);
    }

    private static OutputStream writerStream(PrintWriter writer) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[]{(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                writer.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        };
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
