package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.SandpodClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** `sandpod stop`: SIGTERM, then SIGKILL after the grace; the sandbox stays (ps -a) until rm. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop sandboxes (they stay until rm).")
final class StopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", description = "Seconds between SIGTERM and SIGKILL (default: 10).")
    int seconds = 10;

    @Parameters(paramLabel = "NAME", arity = "1..*", description = "Sandbox names or ids.")
    List<String> names;

    @Override
    public Integer call() throws ApiException, SandpodException {
        if (seconds < 0) {
            throw new UsageException("-t must be 0 or more, not " + seconds);
        }
        SandpodClient client = Cli.client(spec);
        for (String name : names) {
            client.stopSandbox(name, seconds);
            Cli.out(spec).println(name);
        }
        return 0;
    }
}
