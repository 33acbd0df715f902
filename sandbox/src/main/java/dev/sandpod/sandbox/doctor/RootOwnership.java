package dev.sandpod.sandbox.doctor;

import dev.sandpod.state.RootLayout;

import java.nio.file.Path;

/**
 * Whether a path under {@code sandboxes/} belongs to a live sandbox: {@code sandboxes/SID/...} to sandbox SID,
 * {@code sandboxes/SID/containers/CID/...} also to container CID.
 */
final class RootOwnership {
    private RootOwnership() {
    }

    static boolean underSandboxes(RootLayout layout, Path path) {
        return path.startsWith(layout.sandboxesDir()) && !path.equals(layout.sandboxesDir());
    }

    static boolean owned(RootLayout layout, Ownership owned, Path path) {
        Path relative = layout.sandboxesDir().relativize(path);
        String sandboxId = relative.getName(0).toString();
        if (!owned.ownsSandbox(sandboxId)) {
            return false;
        }
        if (relative.getNameCount() >= 3 && relative.getName(1).toString().equals("containers")) {
            return owned.ownsContainer(relative.getName(2).toString());
        }
        return true;
    }

    /**
     * Whether any component of {@code path} below {@code base} names a live sandbox or container ({@code ID} or
     * {@code ID-...}, as pins and per-container runtime files are named): for mounts outside {@code sandboxes/}.
     */
    static boolean namesOwned(Path base, Ownership owned, Path path) {
        for (Path part : base.relativize(path)) {
            String name = part.toString();
            int dash = name.indexOf('-');
            String id = dash < 0 ? name : name.substring(0, dash);
            if (owned.ownsSandbox(id) || owned.ownsContainer(id) || owned.ownsContainer(name)) {
                return true;
            }
        }
        return false;
    }
}
