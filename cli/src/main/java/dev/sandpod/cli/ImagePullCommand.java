package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.ImageSummary;
import dev.sandpod.client.model.PullRequest;
import dev.sandpod.core.IoErrors;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `sandpod image pull`: the daemon pulls; its progress events are shown on stderr as they stream in. */
@Command(name = "pull", mixinStandardHelpOptions = true, description = "Pull images from a registry into the store.")
final class ImagePullCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--secret", paramLabel = "NAME", description = "Registry secret to authenticate with (see `sandpod secret create`).")
    String secret;

    @Option(names = "--platform", paramLabel = "OS/ARCH", description = "Platform to pick from a multi-arch image (default: this machine's).")
    String platform;

    @Option(names = "--from-file", paramLabel = "FILE", description = "Also pull every reference listed in FILE, one a line (# comments).")
    Path fromFile;

    @Parameters(paramLabel = "REF", arity = "0..*", description = "Image references, such as busybox:1.36 or 127.0.0.1:5000/app@sha256:...")
    List<String> references = new ArrayList<>();

    @Override
    public Integer call() throws ApiException, SandpodException {
        List<String> all = new ArrayList<>(references);
        if (fromFile != null) {
            all.addAll(readList(fromFile));
        }
        if (all.isEmpty()) {
            throw new UsageException("name at least one image to pull, or pass --from-file FILE");
        }
        SandpodClient client = Cli.client(spec);
        for (String reference : all) {
            ImageSummary image;
            try (PullProgressPrinter printer = new PullProgressPrinter(Cli.err(spec), Cli.interactive())) {
                image = client.pullImage(new PullRequest(reference, secret, platform), printer);
            } catch (ApiException e) {
                if ("platform".equals(e.details().get("field"))) {
                    throw new UsageException(e.getMessage()); // a bad --platform is a usage error, as before any pull
                }
                throw e;
            }
            Cli.out(spec).println("pulled " + reference + " (" + image.id() + ")");
            Cli.out(spec).flush();
        }
        return 0;
    }

    private static List<String> readList(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                String text = line.replaceFirst("#.*", "").strip();
                if (!text.isEmpty()) {
                    out.add(text);
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new UsageException("--from-file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("--from-file " + file + ": can't read it: " + IoErrors.describe(e));
        }
    }
}
