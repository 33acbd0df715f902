package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.SandboxSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `sandpod rm`: removes sandboxes and everything they made; a running one needs -f. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Remove sandboxes and everything they made (network, mounts, cgroups, logs).")
final class RmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Kill running containers first.")
    boolean force;

    @Option(names = "--all", description = "Remove every sandbox of the root.")
    boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Sandbox names or ids.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws ApiException, SandpodException {
        if (all == !names.isEmpty()) {
            throw new UsageException(all ? "give sandbox names or --all, not both" : "give sandbox names, or --all");
        }
        SandpodClient client = Cli.client(spec);
        List<String> targets = all ? client.listSandboxes().stream().map(SandboxSummary::name).toList() : names;
        for (String name : targets) {
            client.removeSandbox(name, force);
            Cli.out(spec).println(name);
        }
        return 0;
    }
}
