package dev.sandpod.sandbox.doctor;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mounts of this root that no live sandbox owns, from /proc/self/mountinfo: any mount under {@code sandboxes/} of a
 * gone sandbox or container (rootfs overlays, binds); a mount in the runtime dir, or an overlay elsewhere under the
 * root, unless a part of its path names a live sandbox or container. Netns pins and their directory are left to {@link PinScan}; other mounts under the root (a disk for
 * {@code layers/}, say) are not sandpod's. Deepest first, detached.
 */
final class MountScan implements Scan {
    private static final int MAX_STACKED = 16;
    private final RootLayout layout;
    private final Mounts mounts;
    private final Path netnsDir;

    MountScan(RootLayout layout, Mounts mounts, Path netnsDir) {
        this.layout = layout;
        this.mounts = mounts;
        this.netnsDir = netnsDir;
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<MountInfo.Entry> table;
        try {
            table = MountInfo.read();
        } catch (IOException e) {
            throw new DoctorException("can't read /proc/self/mountinfo: " + e.getMessage(), "run doctor as root", e);
        }
        List<Path> leftovers = new ArrayList<>();
        for (MountInfo.Entry mount : table) {
            Path point = mount.mountPoint();
            if (isLeftover(point, mount.fsType(), owned) && !leftovers.contains(point)) {
                leftovers.add(point);
            }
        }
        leftovers.sort(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Comparator.naturalOrder()));
        return leftovers.stream().map(p -> Leftover.of(LeftoverKind.MOUNT, p.toString(), () -> unmount(p))).toList();
    }

    private boolean isLeftover(Path point, String fsType, Ownership owned) {
        if (point.startsWith(netnsDir)) {
            return false;
        }
        if (RootOwnership.underSandboxes(layout, point)) {
            return !RootOwnership.owned(layout, owned, point);
        }
        if (point.startsWith(layout.runtimeDir()) && !point.equals(layout.runtimeDir())) {
            return !RootOwnership.namesOwned(layout.runtimeDir(), owned, point);
        }
        return point.startsWith(layout.root()) && !point.equals(layout.root()) && fsType.equals("overlay")
                && !RootOwnership.namesOwned(layout.root(), owned, point);
    }

    /** Unmounts every mount stacked on {@code point}; one that is not mounted (any more) is fine. */
    private void unmount(Path point) throws SyscallException {
        for (int i = 0; i < MAX_STACKED; i++) {
            try {
                mounts.umount2(point.toString(), Mounts.MNT_DETACH | Mounts.UMOUNT_NOFOLLOW);
            } catch (SyscallException e) {
                if (e.is(Errno.EINVAL) || e.is(Errno.ENOENT)) {
                    return;
                }
                throw e;
            }
        }
    }
}
