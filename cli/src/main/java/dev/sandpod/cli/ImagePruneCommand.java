package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.PruneResult;
import dev.sandpod.core.SandpodException;
import dev.sandpod.state.ByteSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Remove unnamed unused images, unreferenced blobs and layers, and leftovers of killed pulls.")
final class ImagePruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ApiException, SandpodException {
        PruneResult pruned = Cli.client(spec).pruneImages();
        Cli.out(spec).println("removed " + pruned.images() + " images, " + pruned.blobs() + " blobs, "
                + pruned.layers() + " layers; freed " + ByteSizes.format(pruned.bytesFreed()) + " of blobs");
        return 0;
    }
}
