package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** `sandpod logs`: the main (or --container) container's output; -f follows it until the container's instance ends. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print a sandbox's main container output, or with --container a debug container's.")
final class LogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until the container exits or restarts.")
    boolean follow;

    @Option(names = "--tail", paramLabel = "N", description = "Only the last N lines.")
    Integer tail;

    @Option(names = {"-p", "--previous"}, description = "The output of the instance before the last restart.")
    boolean previous;

    @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER", description = "A container of the sandbox (main or debug) by name or id (default: the main one).")
    String container;

    @Parameters(paramLabel = "NAME", description = "The sandbox's name or id.")
    String name;

    @Override
    public Integer call() throws ApiException, SandpodException {
        if (tail != null && tail < 0) {
            throw new UsageException("--tail must be 0 or more, not " + tail);
        }
        if (follow && previous) {
            throw new UsageException("--follow and --previous don't go together: the previous instance has ended");
        }
        PrintWriter out = Cli.out(spec);
        Cli.client(spec).sandboxLogs(name, java.util.Optional.ofNullable(container), tail == null ? -1 : tail, previous, follow, line -> {
            out.println(line.text());
            out.flush();
        });
        return 0;
    }
}
