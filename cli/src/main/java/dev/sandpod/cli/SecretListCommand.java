package dev.sandpod.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.SecretInfo;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List secrets (never their passwords).")
final class SecretListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table or json (default: table).")
    OutputFormat output = OutputFormat.TABLE;

    @Override
    public Integer call() throws ApiException, SandpodException {
        List<SecretInfo> secrets = Cli.client(spec).listSecrets();
        if (output == OutputFormat.JSON) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            secrets.forEach(s -> array.addObject().put("name", s.name()).put("type", "registry")
                    .put("server", s.server()).put("username", s.username()));
            Cli.out(spec).println(Json.pretty(array));
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "TYPE", "SERVER", "USERNAME"});
        secrets.forEach(s -> rows.add(new String[]{s.name(), "registry", s.server(), s.username()}));
        Table.print(Cli.out(spec), rows);
        return 0;
    }
}
