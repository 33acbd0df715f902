package dev.sandpod.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.model.SandboxSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `sandpod ps`: the sandboxes meant to run (all with -a), with their main container's state. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List running sandboxes (all with -a).")
final class PsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--all"}, description = "Also stopped sandboxes.")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table or json (default: table).")
    OutputFormat output = OutputFormat.TABLE;

    @Override
    public Integer call() throws ApiException, SandpodException {
        List<SandboxSummary> shown = Cli.client(spec).listSandboxes().stream()
                .filter(s -> all || s.desired().equals("running")).toList();
        if (output == OutputFormat.JSON) {
            ArrayNode array = Json.MAPPER.valueToTree(shown);
            Cli.out(spec).println(Json.pretty(array));
            return 0;
        }
        Instant now = Instant.now();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "IMAGE", "STATUS", "RESTARTS", "IP", "AGE"});
        for (SandboxSummary s : shown) {
            rows.add(new String[]{s.name(), s.image(), s.state(), String.valueOf(s.restarts()),
                    s.ip() == null ? "-" : s.ip(), Ages.since(Instant.parse(s.created()), now)});
        }
        Table.print(Cli.out(spec), rows);
        return 0;
    }
}
