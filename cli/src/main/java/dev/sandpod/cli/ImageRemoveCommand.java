package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
        description = "Remove image names; an image with no name left is deleted with the blobs and layers only it used.")
final class ImageRemoveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--force"}, description = "Remove even if a sandbox uses the image.")
    boolean force;

    @Parameters(paramLabel = "REF", arity = "1..*", description = "Image names or ids.")
    List<String> references;

    @Override
    public Integer call() throws ApiException, SandpodException {
        SandpodClient client = Cli.client(spec);
        for (String reference : references) {
            client.removeImage(reference, force).forEach(Cli.out(spec)::println);
        }
        return 0;
    }
}
