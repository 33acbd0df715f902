package dev.sandpod.cli;

import dev.sandpod.core.IoErrors;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
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
    public Integer call() throws SandpodException {
        try (ImageService images = Cli.images(spec)) {
            if (output == null) {
                if (System.console() != null && System.console().isTerminal()) {
                    throw new UsageException("refusing to write an archive to a terminal; pass -o FILE or redirect stdout");
                }
                OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
                images.save(references, out);
                out.flush();
                return 0;
            }
            // Written beside the target and renamed, so a failure never leaves a truncated archive behind.
            Path absolute = output.toAbsolutePath();
            Path temp = Files.createTempFile(absolute.getParent(), ".sandpod-save-", ".tar");
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                    images.save(references, out);
                }
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            Cli.out(spec).println("saved " + String.join(", ", references) + " to " + output);
        } catch (IOException e) {
            throw new CommandFailedException("can't write " + output + ": " + IoErrors.describe(e), "check the path and free space", e);
        }
        return 0;
    }
}
