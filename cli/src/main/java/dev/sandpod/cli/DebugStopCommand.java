package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** `sandpod debug stop NAME CONTAINER`: SIGTERM, SIGKILL after the grace; it stays (describe, logs) until `debug rm`. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop a debug container (not the main one: `sandpod stop` stops the sandbox).")
final class DebugStopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", description = "Seconds between SIGTERM and SIGKILL (default: 10).")
    int seconds = 10;

    @Parameters(index = "0", paramLabel = "NAME", description = "The sandbox's name or id.")
    String sandbox;

    @Parameters(index = "1", paramLabel = "CONTAINER", description = "The debug container's name or id.")
    String container;

    @Override
    public Integer call() throws ApiException, SandpodException {
        if (seconds < 0) {
            throw new UsageException("-t must be 0 or more, not " + seconds);
        }
        Cli.client(spec).stopContainer(sandbox, container, seconds);
        Cli.out(spec).println(container);
        return 0;
    }
}
