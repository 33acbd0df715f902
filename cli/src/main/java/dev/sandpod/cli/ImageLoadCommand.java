package dev.sandpod.cli;

import dev.sandpod.core.IoErrors;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.store.ImageRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load images from a `docker save` or OCI archive (optionally gzip-compressed); - reads stdin.")
final class ImageLoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "The archive (same as the argument).")
    String input;

    @Parameters(paramLabel = "FILE|-", arity = "0..1", description = "The archive, or - for standard input.")
    String file;

    @Override
    public Integer call() throws SandpodException {
        if (input != null && file != null) {
            throw new UsageException("give the archive once: either FILE or --input FILE");
        }
        String source = input != null ? input : file;
        if (source == null) {
            throw new UsageException("name the archive to load, or - for standard input");
        }
        try (ImageService images = Cli.images(spec); InputStream in = open(source)) {
            List<ImageRecord> loaded = images.load(in, source.equals("-") ? "<stdin>" : source);
            for (ImageRecord image : loaded) {
                String names = image.names().isEmpty() ? "<no name>" : String.join(", ", image.names());
                Cli.out(spec).println("loaded " + names + " (" + image.manifestDigest() + ")");
            }
        } catch (IOException e) {
            throw new CommandFailedException("can't read " + source + ": " + IoErrors.describe(e), "check the file", e);
        }
        return 0;
    }

    private static InputStream open(String source) throws IOException {
        if (source.equals("-")) {
            return System.in;
        }
        try {
            return Files.newInputStream(Path.of(source));
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + source);
        }
    }
}
