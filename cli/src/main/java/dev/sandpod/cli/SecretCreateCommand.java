package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.SecretCreateRequest;
import dev.sandpod.core.IoErrors;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a registry secret: `secret create registry NAME --server HOST[:PORT] --username USER --password-stdin`.")
final class SecretCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TYPE", description = "The kind of secret; only `registry` for now.")
    String type;

    @Parameters(index = "1", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @Option(names = "--server", required = true, paramLabel = "HOST[:PORT]", description = "The registry these credentials are for.")
    String server;

    @Option(names = {"-u", "--username"}, required = true, paramLabel = "USER")
    String username;

    @Option(names = "--password-stdin", required = true, description = "Read the password from standard input (it is never taken as an argument).")
    boolean passwordStdin;

    @Option(names = "--replace", description = "Replace a secret of the same name.")
    boolean replace;

    @Override
    public Integer call() throws ApiException, SandpodException {
        if (!type.equals("registry")) {
            throw new UsageException("unknown secret type '" + type + "'; the only type is `registry`");
        }
        String password;
        try {
            password = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
        } catch (IOException e) {
            throw new CommandFailedException("can't read the password from standard input: " + IoErrors.describe(e),
                    "pipe it in, for example `printf %s \"$PASS\" | sandpod secret create ...`", e);
        }
        Cli.client(spec).createSecret(new SecretCreateRequest(name, server, username, password, replace));
        Cli.out(spec).println("created secret " + name + " for " + server);
        return 0;
    }
}
