package dev.sandpod.cli;

import picocli.CommandLine;

/** The `sandpod` command: 0 ok, 1 failure, 2 usage error; errors on stderr as one sentence and a hint. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        Cli.STDOUT.flush();
        Cli.STDERR.flush();
        System.exit(code);
    }

    public static int run(String... args) {
        CommandLine cli = newCommandLine();
        cli.setOut(Cli.STDOUT);
        cli.setErr(Cli.STDERR);
        return cli.execute(args);
    }

    /** The command line as users run it: commands start a daemon in the background when none answers. */
    public static CommandLine newCommandLine() {
        return newCommandLine(Daemons.BACKGROUND);
    }

    static CommandLine newCommandLine(DaemonConnector daemons) {
        CommandLine cli = new CommandLine(new SandpodCommand(daemons));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // `run IMAGE sh -c ...`: everything after the image is the container's argv, options included
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.getSubcommands().get("exec").setStopAtPositional(true);
        return cli;
    }
}
