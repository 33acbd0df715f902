package dev.sandpod.sandbox.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** runc state directories under this root's own {@code --root} whose container is not in state. */
final class RuncStateScan implements Scan {
    private final Runc runc;

    RuncStateScan(Runc runc) {
        this.runc = runc;
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<Leftover> out = new ArrayList<>();
        if (!Files.isDirectory(runc.root())) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runc.root(), Files::isDirectory)) {
            for (Path dir : dirs) {
                String id = dir.getFileName().toString();
                if (!owned.ownsContainer(id)) {
                    out.add(Leftover.of(LeftoverKind.RUNC_CONTAINER, id, () -> runc.deleteForce(id)));
                }
            }
        } catch (IOException e) {
            throw new DoctorException("can't list " + runc.root() + ": " + e.getMessage(), "run doctor as root", e);
        }
        out.sort((a, b) -> a.finding().name().compareTo(b.finding().name()));
        return out;
    }
}
