package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.PushEvent;
import dev.sandpod.client.model.PushRequest;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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
    public Integer call() throws ApiException, SandpodException {
        PrintWriter err = Cli.err(spec);
        String digest = Cli.client(spec).pushImage(new PushRequest(reference, secret), event -> {
            if (event instanceof PushEvent.BlobPushed blob) {
                err.println(PullProgressPrinter.shortHex(blob.blob()) + ": " + (blob.uploaded() ? "pushed" : "already in the registry"));
                err.flush();
            }
        });
        Cli.out(spec).println("pushed " + reference + " (" + digest + ")");
        return 0;
    }
}
