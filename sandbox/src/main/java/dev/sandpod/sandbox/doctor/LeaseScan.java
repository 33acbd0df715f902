package dev.sandpod.sandbox.doctor;

import dev.sandpod.core.FileTrees;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** host-local lease directories ({@code ROOT/net/ipam/sandpod-SANDBOXID}) of sandboxes not in state. */
final class LeaseScan implements Scan {
    private static final String PREFIX = "sandpod-";
    private final Path ipamDir;

    LeaseScan(RootLayout layout) {
        this.ipamDir = PodNetwork.ipamDir(layout);
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<Leftover> out = new ArrayList<>();
        if (!Files.isDirectory(ipamDir)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(ipamDir)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                String sandboxId = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : "";
                if (!owned.ownsSandbox(sandboxId)) {
                    out.add(Leftover.of(LeftoverKind.LEASE_DIR, dir.toString(), () -> remove(dir)));
                }
            }
        } catch (IOException e) {
            throw new DoctorException("can't list " + ipamDir + ": " + e.getMessage(), "run doctor as root", e);
        }
        return out;
    }

    private void remove(Path dir) throws IOException {
        FileTrees.deleteTree(dir);
        for (Path empty : List.of(ipamDir, ipamDir.getParent())) {
            try {
                Files.deleteIfExists(empty);
            } catch (DirectoryNotEmptyException inUse) {
                return; // another sandbox of this root still has leases
            }
        }
    }
}
