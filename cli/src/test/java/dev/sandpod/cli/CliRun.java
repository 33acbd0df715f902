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
record CliRun(int exitCode, String out, String err) {

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
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        InputStream savedIn = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin));
            }
            int code = cli.execute(all.toArray(String[]::new));
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            System.setIn(savedIn);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
