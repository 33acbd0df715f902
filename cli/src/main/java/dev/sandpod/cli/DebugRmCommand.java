package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** `sandpod debug rm [-f] NAME CONTAINER`: removes a debug container and everything it made; running needs -f. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove a debug container and everything it made (not the main one: `sandpod rm` removes the sandbox).")
final class DebugRmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Kill it first if it runs.")
    boolean force;

    @Parameters(index = "0", paramLabel = "NAME", description = "The sandbox's name or id.")
    String sandbox;

    @Parameters(index = "1", paramLabel = "CONTAINER", description = "The debug container's name or id.")
    String container;

    @Override
    public Integer call() throws ApiException, SandpodException {
        Cli.client(spec).removeContainer(sandbox, container, force);
        Cli.out(spec).println(container);
        return 0;
    }
}
