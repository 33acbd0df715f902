package dev.sandpod.sandbox.doctor;

import dev.sandpod.core.FileTrees;
import dev.sandpod.runtime.CommandRunner;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code runc --root R delete --force ID} for the root's own runc state, tolerating a container already gone. */
final class Runc {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Path runc;
    private final Path root;
    private final CommandRunner runner;

    Runc(Path runc, RootLayout layout, CommandRunner runner) {
        this.runc = runc;
        this.root = ContainerPaths.runcRoot(layout);
        this.runner = runner;
    }

    Path root() {
        return root;
    }

    /** Kills the container's processes and removes its state; a state directory runc no longer reads goes too. */
    void deleteForce(String id) throws IOException {
        CommandRunner.Result r = runner.run(List.of(runc.toString(), "--root", root.toString(), "delete", "--force", id),
                TIMEOUT);
        if (r.exitCode() != 0 && !r.stderr().contains("not exist")) {
            throw new IOException("runc delete --force " + id + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        Path state = root.resolve(id);
        if (Files.isDirectory(state) && !Files.exists(state.resolve("state.json"))) {
            FileTrees.deleteTree(state);
        }
        if (Files.exists(state)) {
            throw new IOException("runc delete --force " + id + " left its state directory " + state);
        }
    }
}
