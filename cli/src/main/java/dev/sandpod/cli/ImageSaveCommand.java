package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.core.IoErrors;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** `sandpod image save`: the daemon streams the archive; this process writes it (a path is the user's, relative to their cwd). */
@Command(name = "save", mixinStandardHelpOptions = true,
        description = "Write images to a tar that docker, podman, skopeo and sandpod can load (OCI layout + docker manifest.json).")
final class ImageSaveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the archive (default: stdout, if it is not a terminal).")
    Path output;

    @Parameters(paramLabel = "REF", arity = "1..*", description = "Images to save.")
    List<String> references;

    @Override
    public Integer call() throws ApiException, SandpodException {
        SandpodClient client = Cli.client(spec);
        if (output == null) {
            if (System.console() != null && System.console().isTerminal()) {
                throw new UsageException("refusing to write an archive to a terminal; pass -o FILE or redirect stdout");
            }
            try {
                OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
                client.saveImages(references, out);
                out.flush();
            } catch (IOException e) {
                throw new CommandFailedException("can't write the archive to standard output: " + IoErrors.describe(e),
                        "check where standard output goes", e);
            }
            return 0;
        }
        try {
            // Written beside the target and renamed, so a failure never leaves a truncated archive behind.
            Path absolute = output.toAbsolutePath();
            Path temp = Files.createTempFile(absolute.getParent(), ".sandpod-save-", ".tar");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    client.saveImages(references, out);
                }
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CommandFailedException("can't write " + output + ": " + IoErrors.describe(e), "check the path and free space", e);
        }
        Cli.out(spec).println("saved " + String.join(", ", references) + " to " + output);
        return 0;
    }
}
