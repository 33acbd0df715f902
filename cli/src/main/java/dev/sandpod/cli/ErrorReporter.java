package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine;

import java.io.PrintWriter;

/** Prints failures as users need them: what went wrong, then what to do; stack traces only with SANDPOD_DEBUG=1. */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        PrintWriter err = cli.getErr();
        if (e instanceof SandpodException s) {
            err.println("error: " + s.getMessage());
            s.hint().ifPresent(h -> err.println("hint: " + h));
            for (Throwable suppressed : s.getSuppressed()) {
                err.println("  also: " + suppressed.getMessage());
            }
        } else if (e instanceof ApiException a) {
            err.println("error: " + a.getMessage());
            a.hint().ifPresent(h -> err.println("hint: " + h));
        } else if (e instanceof UsageException u) {
            err.println("error: " + u.getMessage());
            err.println("hint: " + u.hint().orElse("see `" + cli.getCommandSpec().qualifiedName() + " --help`"));
            err.flush();
            return USAGE;
        } else {
            err.println("error: internal failure: " + e);
            err.println("hint: this is a sandpod bug; rerun with SANDPOD_DEBUG=1 for the stack trace and report it");
        }
        if ("1".equals(System.getenv("SANDPOD_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("error: " + e.getMessage());
        err.println("hint: see `" + cli.getCommandSpec().qualifiedName() + " --help`");
        err.flush();
        return USAGE;
    }
}
