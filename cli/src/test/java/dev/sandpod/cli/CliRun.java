package dev.sandpod.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the CLI in this JVM against a test root and captures what a user would see. Commands reach the root's daemon
 * through {@link InProcessDaemons}: one started for the command runs in this JVM and stops when it is done.
 */
record CliRun(int exitCode, String out, String err, byte[] rawOut) {

    static CliRun run(Path root, String... args) {
        return runWithStdin(root, null, args);
    }

    /** Runs with the given bytes as standard input (for --password-stdin and `image load -`). */
    static synchronized CliRun runWithStdin(Path root, byte[] stdin, String... args) {
        InProcessDaemons daemons = new InProcessDaemons();
        try {
            return run(daemons, root, stdin, args);
        } finally {
            daemons.stopAll();
        }
    }

    /**
     * Runs as from a user's shell: a command that finds no daemon starts one in the background, as `sandpod` does,
     * which keeps running after the command (the test stops it).
     */
    static CliRun runWithBackgroundDaemon(Path root, String... args) {
        return run(Daemons.BACKGROUND, root, null, args);
    }

    private static synchronized CliRun run(DaemonConnector daemons, Path root, byte[] stdin, String... args) {
        List<String> all = new ArrayList<>();
        all.add("--root=" + root);
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream savedIn = System.in;
        java.io.PrintStream savedOut = System.out;
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin));
            }
            // what commands write as bytes (cp ... -); replaced before the command line is made, as picocli
            // replaces the writers it was given when System.out changes under it
            System.setOut(new java.io.PrintStream(raw, true));
            CommandLine cli = Main.newCommandLine(daemons);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(all.toArray(String[]::new));
            return new CliRun(code, out.toString(), err.toString(), raw.toByteArray());
        } finally {
            System.setIn(savedIn);
            System.setOut(savedOut);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
