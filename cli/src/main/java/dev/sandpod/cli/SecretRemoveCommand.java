package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true, description = "Remove secrets.")
final class SecretRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> names;

    @Override
    public Integer call() throws ApiException, SandpodException {
        SandpodClient client = Cli.client(spec);
        for (String name : names) {
            client.removeSecret(name);
            Cli.out(spec).println("removed secret " + name);
        }
        return 0;
    }
}
