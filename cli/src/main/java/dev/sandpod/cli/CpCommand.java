package dev.sandpod.cli;

import dev.sandpod.core.SandpodException;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.FileOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.concurrent.Callable;

/** `sandpod cp`: files and directories into and out of a sandbox as tar streams, as `docker cp`. */
@Command(name = "cp", mixinStandardHelpOptions = true,
        description = {"Copy files and directories between a sandbox and the local file system (as docker cp).",
                "  sandpod cp SRC NAME:PATH      a local file or directory into sandbox NAME",
                "  sandpod cp NAME:PATH DST      out of it",
                "  sandpod cp - NAME:DIR         a tar stream on stdin, unpacked into the existing DIR",
                "  sandpod cp NAME:PATH -        PATH as a tar stream on stdout",
                "Into an existing directory the copy keeps its name; DIR/. copies a directory's contents. Paths in the"
                        + " sandbox are resolved with its root as /. A local path with a colon is written ./a:b."})
final class CpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-a", "--archive"}, description = "Keep the uid and gid of every file (default: the sandbox's user"
            + " owns what is copied in, you own what is copied out).")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Copy what a symlink given as SRC points to, not the link.")
    boolean followLink;

    @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER", description = "A container of the sandbox (main or debug) by name or id (default: the main one).")
    String container;

    @Parameters(index = "0", paramLabel = "SRC", description = "A local path, NAME:PATH, or - for a tar stream on stdin.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "A local path, NAME:PATH, or - for a tar stream on stdout.")
    String destination;

    @Override
    public Integer call() throws SandpodException, ApiException, InterruptedException {
        try {
            copy();
        } catch (IOException e) {
            throw new CommandFailedException("copying " + source + " to " + destination + " failed: "
                    + dev.sandpod.core.IoErrors.describe(e), "check both paths; run the copy again", e);
        }
        return 0;
    }

    private void copy() throws SandpodException, ApiException, IOException, InterruptedException {
        CopyTarget from = CopyTarget.parse(source);
        CopyTarget to = CopyTarget.parse(destination);
        FileOptions options = FileOptions.DEFAULTS;
        if (container != null) {
            options = options.withContainer(container);
        }
        if (archive) {
            options = options.withKeepOwners();
        }
        if (followLink) {
            options = options.withFollow();
        }
        switch (from) {
            case CopyTarget.Remote src when !(to instanceof CopyTarget.Remote) ->
                    new CopyOut(client(), options, archive).copy(src, to, Cli.out(spec));
            case CopyTarget.Remote src -> throw new UsageException("copy between a sandbox and the local file system: "
                    + "both " + src + " and " + destination + " are in sandboxes");
            default -> {
                if (!(to instanceof CopyTarget.Remote dst)) {
                    throw new UsageException("one of SRC and DST must be in a sandbox, written NAME:PATH");
                }
                new CopyIn(client(), options).copy(from, dst, Cli.out(spec));
            }
        }
    }

    private dev.sandpod.client.SandpodClient client() throws ApiException, SandpodException {
        return Cli.client(spec);
    }
}
