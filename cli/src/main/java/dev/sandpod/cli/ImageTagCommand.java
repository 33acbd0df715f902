package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "tag", mixinStandardHelpOptions = true, description = "Give a stored image another name (for example to push it elsewhere).")
final class ImageTagCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A stored image's name or id.")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET", description = "The new name, such as 127.0.0.1:5000/app:v1.")
    String target;

    @Override
    public Integer call() throws ApiException, SandpodException {
        Cli.client(spec).tagImage(source, target);
        return 0;
    }
}
