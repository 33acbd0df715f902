package dev.sandpod.cli;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.ref.Digest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "push", mixinStandardHelpOptions = true, description = "Push a stored image to the registry its name points at.")
final class ImagePushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--secret", paramLabel = "NAME", description = "Registry secret to authenticate with.")
    String secret;

    @Parameters(paramLabel = "REF", description = "The image's name, such as 127.0.0.1:5000/app:v1 (see `sandpod image tag`).")
    String reference;

    @Override
    public Integer call() throws SandpodException {
        try (ImageService images = Cli.images(spec)) {
            Digest digest = images.push(reference, Optional.ofNullable(secret), (blob, uploaded) -> {
                Cli.err(spec).println(blob.shortHex() + ": " + (uploaded ? "pushed" : "already in the registry"));
                Cli.err(spec).flush();
            });
            Cli.out(spec).println("pushed " + reference + " (" + digest + ")");
        }
        return 0;
    }
}
