package dev.sandpod.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in this JVM against a test root and captures what a user would see. */
record CliRun(int exitCode, String out, String err, byte[] rawOut) {

    static CliRun run(Path root, String... args) {
        return runWithStdin(root, null, args);
    }

    /** Runs with the given bytes as standard input (for --password-stdin and `image load -`). */
    static synchronized CliRun runWithStdin(Path root, byte[] stdin, String... args) {
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
            CommandLine cli = Main.newCommandLine();
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
