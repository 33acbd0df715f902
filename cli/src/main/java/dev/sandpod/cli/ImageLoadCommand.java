package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.ImageSummary;
import dev.sandpod.core.IoErrors;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** `sandpod image load`: this process reads the archive (a path is the user's, relative to their cwd) and streams it to the daemon. */
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
    public Integer call() throws ApiException, SandpodException {
        if (input != null && file != null) {
            throw new UsageException("give the archive once: either FILE or --input FILE");
        }
        String source = input != null ? input : file;
        if (source == null) {
            throw new UsageException("name the archive to load, or - for standard input");
        }
        List<ImageSummary> loaded;
        try (Reading in = new Reading(open(source))) {
            try {
                loaded = Cli.client(spec).loadImages(in, source.equals("-") ? "<stdin>" : source);
            } catch (ApiException e) {
                // The daemon only saw the archive end early; what went wrong was reading it here.
                Optional<IOException> local = in.failure();
                if (local.isPresent()) {
                    throw cantRead(source, local.get());
                }
                throw e;
            }
        } catch (IOException e) {
            throw cantRead(source, e);
        }
        for (ImageSummary image : loaded) {
            String names = image.names().isEmpty() ? "<no name>" : String.join(", ", image.names());
            Cli.out(spec).println("loaded " + names + " (" + image.id() + ")");
        }
        return 0;
    }

    private static CommandFailedException cantRead(String source, IOException e) {
        return new CommandFailedException("can't read " + source + ": " + IoErrors.describe(e), "check the file", e);
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

    /** The archive as it is read, remembering a read failure (which the upload would otherwise report as its own). */
    private static final class Reading extends FilterInputStream {
        private IOException failure;

        Reading(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        Optional<IOException> failure() {
            return Optional.ofNullable(failure);
        }
    }
}
