package dev.sandpod.sandbox.doctor;

import dev.sandpod.core.FileTrees;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files of sandboxes and containers not in state: conmon's runtime files ({@code RUNTIME_DIR/containers/ID},
 * {@code exits/ID}, {@code sockets/ID}), sandbox directories ({@code sandboxes/SID}) and the directories of gone
 * containers in live sandboxes ({@code sandboxes/SID/containers/CID}). Runs last: a directory with a mount still in
 * it is reported as a failure, never emptied.
 */
final class FileScan implements Scan {
    private final RootLayout layout;

    FileScan(RootLayout layout) {
        this.layout = layout;
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<Leftover> out = new ArrayList<>();
        try {
            Path runtime = layout.runtimeDir();
            for (Path dir : List.of(runtime.resolve("containers"), ContainerPaths.exitDir(layout), runtime.resolve("sockets"))) {
                for (Path entry : entries(dir)) {
                    if (!owned.ownsContainer(entry.getFileName().toString())) {
                        out.add(Leftover.of(LeftoverKind.RUNTIME_FILES, entry.toString(), () -> FileTrees.deleteTree(entry)));
                    }
                }
            }
            for (Path sandbox : entries(layout.sandboxesDir())) {
                if (!owned.ownsSandbox(sandbox.getFileName().toString())) {
                    out.add(Leftover.of(LeftoverKind.SANDBOX_DIR, sandbox.toString(), () -> FileTrees.deleteTree(sandbox)));
                    continue;
                }
                for (Path container : entries(sandbox.resolve("containers"))) {
                    if (!owned.ownsContainer(container.getFileName().toString())) {
                        out.add(Leftover.of(LeftoverKind.CONTAINER_DIR, container.toString(),
                                () -> FileTrees.deleteTree(container)));
                    }
                }
            }
        } catch (IOException e) {
            throw new DoctorException("can't list the root's files: " + e.getMessage(), "run doctor as root", e);
        }
        return out;
    }

    private static List<Path> entries(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
