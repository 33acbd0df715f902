package dev.sandpod.runtime;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;
import dev.sandpod.image.store.LayerStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's root filesystem: overlayfs of the image's shared read-only layers (whiteouts in them are
 * overlay whiteouts already, so deleted files stay deleted) and the container's own upper dir. The upper dir
 * survives {@link #unmount} and a later {@link #mount}, so a restarted container keeps its writes; it goes when
 * the container's directory is deleted.
 */
public final class RootfsMount {
    /** The kernel copies mount data into one page: the whole option string must fit in it, NUL included. */
    public static final int MAX_OPTIONS = 4095;

    private final Mounts mounts;

    public RootfsMount(Mounts mounts) {
        this.mounts = mounts;
    }

    /** The image's unpacked layer trees, topmost first, as overlayfs wants its lowerdir. */
    public static List<Path> lowerDirs(ImageRecord image, LayerStore layers) throws MountFailedException {
        List<Path> out = new ArrayList<>();
        for (LayerRecord layer : image.layers().reversed()) {
            Path tree = layers.path(layer.chainId());
            if (!Files.isDirectory(tree)) {
                throw new MountFailedException(tree, "layer " + layer.chainId() + " of image " + image.manifestDigest()
                        + " is not unpacked", "pull or load the image again", null);
            }
            out.add(tree);
        }
        return out;
    }

    /** Mounts (or mounts afresh) the overlay at {@code paths.rootfs()}; makes upper, work and rootfs if missing. */
    public void mount(List<Path> lowerTopmostFirst, ContainerPaths paths) throws MountFailedException {
        Path target = paths.rootfs();
        String options = options(lowerTopmostFirst, paths.upper(), paths.work(), target);
        try {
            Files.createDirectories(paths.upper());
            Files.createDirectories(paths.work());
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new MountFailedException(target, "can't make its directories: " + e.getMessage(), "check the state root", e);
        }
        unmount(target);
        try {
            mounts.mount("overlay", target.toString(), "overlay", Mounts.MS_NODEV, options);
        } catch (SyscallException e) {
            throw new MountFailedException(target, "overlay mount failed: " + e.errnoName(),
                    e.is(Errno.ENODEV) ? "the kernel has no overlayfs: load the overlay module"
                            : "check that the layers and the upper dir are on a filesystem overlayfs supports", e);
        }
    }

    /** Unmounts the rootfs if it is mounted; a target that is not mounted, or gone, is fine. */
    public void unmount(Path target) throws MountFailedException {
        try {
            mounts.umount2(target.toString(), Mounts.UMOUNT_NOFOLLOW);
        } catch (SyscallException e) {
            if (e.is(Errno.EINVAL) || e.is(Errno.ENOENT)) {
                return;
            }
            if (e.is(Errno.EBUSY)) {
                try {
                    mounts.umount2(target.toString(), Mounts.MNT_DETACH | Mounts.UMOUNT_NOFOLLOW);
                    return;
                } catch (SyscallException detach) {
                    e.addSuppressed(detach);
                }
            }
            throw new MountFailedException(target, "unmount failed: " + e.errnoName(),
                    "a process may still use it: stop the container first", e);
        }
    }

    static String options(List<Path> lowers, Path upper, Path work, Path target) throws MountFailedException {
        if (lowers.isEmpty()) {
            throw new MountFailedException(target, "the image has no layers", "use an image with at least one layer", null);
        }
        List<String> lowerTexts = new ArrayList<>();
        for (Path p : lowers) {
            lowerTexts.add(checked(p, target));
        }
        String options = "lowerdir=" + String.join(":", lowerTexts) + ",upperdir=" + checked(upper, target)
                + ",workdir=" + checked(work, target);
        if (options.length() > MAX_OPTIONS) {
            throw new MountFailedException(target, "the overlay options are " + options.length() + " bytes for "
                    + lowers.size() + " layers, over the kernel's limit of one page (" + MAX_OPTIONS + ")",
                    "use a shorter --root path, or an image with fewer layers", null);
        }
        return options;
    }

    private static String checked(Path p, Path target) throws MountFailedException {
        String text = p.toAbsolutePath().toString();
        if (text.contains(":") || text.contains(",") || text.contains("\\")) {
            throw new MountFailedException(target, "path " + text + " holds ':', ',' or '\\', which overlayfs options can't carry",
                    "use a root path without those characters", null);
        }
        return text;
    }
}
