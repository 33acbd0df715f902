package dev.sandpod.net;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Makes network namespaces without a pause process, the way {@code ip netns add} does: the pin directory
 * ({@code RUNTIME_DIR/netns}) is made a mount point of its own (a bind mount onto itself) with shared propagation,
 * then each namespace is made by {@code unshare(CLONE_NEWNET)} on a short-lived platform thread of its own and
 * pinned by bind-mounting {@code /proc/thread-self/ns/net} onto an empty file in that directory. The thread then
 * ends, so no JVM thread stays in the namespace.
 *
 * <p>Why shared: a mount namespace created later (by runc, or any {@code unshare -m}) gets copies of the pins in
 * it. With a shared pin directory those copies are peers of ours, so unmounting a pin here unmounts the copies too
 * and the kernel can free the namespace; with a private one a copy would keep the namespace, its veth and its IP
 * alive (the leaked-netns bug of background document 002). It also means pins made later show up in those
 * namespaces, as {@code ip netns add}'s do.
 */
public final class NetnsManager {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final String HINT_ROOT = "pod networking needs root (CAP_SYS_ADMIN); run sandpod as root";

    private final Mounts mounts;
    private final Netlink netlink;
    private final Path dir;

    public NetnsManager(Mounts mounts, Netlink netlink, Path dir) {
        this.mounts = mounts;
        this.netlink = netlink;
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The manager for a root's pins, in {@code RUNTIME_DIR/netns}. */
    public static NetnsManager forRoot(Mounts mounts, Netlink netlink, RootLayout layout) {
        return new NetnsManager(mounts, netlink, layout.runtimeDir().resolve("netns"));
    }

    public Path dir() {
        return dir;
    }

    /**
     * Creates and pins a new network namespace called {@code name}, with {@code lo} up. On any failure the partial
     * pin is undone and the file removed.
     */
    public PinnedNetns create(String name) throws NetnsException {
        Path pin = pinPath(name);
        prepareDir(pin);
        try {
            Files.createFile(pin);
        } catch (FileAlreadyExistsException e) {
            throw new NetnsException(pin, "a network namespace pin named '" + name + "' already exists at " + pin,
                    "remove the pod that owns it, or run `sandpod doctor` to remove leftovers of a crashed run", e);
        } catch (IOException e) {
            throw new NetnsException(pin, "could not create the pin file " + pin + ": " + e, HINT_ROOT, e);
        }
        PinnedNetns netns = new PinnedNetns(pin, name, mounts);
        try {
            pinNewNamespace(pin);
            netlink.linkUp(pin, "lo");
            return netns;
        } catch (NetnsException | IOException | RuntimeException e) {
            try {
                netns.remove();
            } catch (NetnsException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof NetnsException n) {
                throw n;
            }
            throw new NetnsException(pin, "could not set up the network namespace " + pin + ": " + e.getMessage(),
                    "check that iproute2 and util-linux (nsenter) are installed", e);
        }
    }

    /** The pin called {@code name}, if its file exists (after a restart, to remove it or hand it on). */
    public Optional<PinnedNetns> find(String name) throws NetnsException {
        Path pin = pinPath(name);
        return Files.exists(pin) ? Optional.of(new PinnedNetns(pin, name, mounts)) : Optional.empty();
    }

    /** Every pin file in this root's netns directory, for {@code sandpod doctor}. */
    public List<PinnedNetns> list() throws NetnsException {
        List<PinnedNetns> pins = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return pins;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (NAME.matcher(name).matches()) {
                    pins.add(new PinnedNetns(file, name, mounts));
                }
            }
        } catch (IOException e) {
            throw new NetnsException(dir, "could not list " + dir + ": " + e, HINT_ROOT, e);
        }
        pins.sort((a, b) -> a.name().compareTo(b.name()));
        return pins;
    }

    /**
     * Unmounts and removes the pin directory once no pin is left in it, so a removed root leaves no mount behind.
     * Returns whether it did.
     */
    public synchronized boolean removeDirIfEmpty() throws NetnsException {
        if (!Files.isDirectory(dir) || !list().isEmpty()) {
            return false;
        }
        try {
            mounts.umount2(dir.toString(), Mounts.MNT_DETACH);
        } catch (SyscallException e) {
            if (!e.is(Errno.EINVAL) && !e.is(Errno.ENOENT)) {
                throw new NetnsException(dir, "could not unmount " + dir + ": " + e.getMessage(), HINT_ROOT, e);
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new NetnsException(dir, "could not remove " + dir + ": " + e, HINT_ROOT, e);
        }
        return true;
    }

    private Path pinPath(String name) throws NetnsException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NetnsException(dir.resolve(String.valueOf(name)), "invalid network namespace name '" + name
                    + "': use 1-128 letters, digits, '_', '.' or '-', starting with a letter or digit", null, null);
        }
        return dir.resolve(name);
    }

    /** Makes {@link #dir} exist, be a mount point, and have shared propagation (as {@code ip netns add} does). */
    private synchronized void prepareDir(Path pin) throws NetnsException {
        try {
            Files.createDirectories(dir);
            try {
                mounts.mount("none", dir.toString(), null, Mounts.MS_SHARED | Mounts.MS_REC, null);
            } catch (SyscallException e) {
                if (!e.is(Errno.EINVAL)) {
                    throw e;
                }
                // Not a mount point yet: make it one, then share it.
                mounts.mount(dir.toString(), dir.toString(), null, Mounts.MS_BIND | Mounts.MS_REC, null);
                mounts.mount("none", dir.toString(), null, Mounts.MS_SHARED | Mounts.MS_REC, null);
            }
        } catch (IOException e) {
            throw new NetnsException(pin, "could not prepare the network namespace directory " + dir + ": "
                    + e.getMessage(), HINT_ROOT, e);
        }
    }

    /** unshare(CLONE_NEWNET) + bind mount on a platform thread that ends right after, so no JVM thread stays inside. */
    private void pinNewNamespace(Path pin) throws NetnsException {
        AtomicReference<SyscallException> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("sandpod-netns-pin").unstarted(() -> {
            try {
                mounts.unshare(Mounts.CLONE_NEWNET);
                mounts.mount("/proc/thread-self/ns/net", pin.toString(), null, Mounts.MS_BIND, null);
            } catch (SyscallException e) {
                failure.set(e);
            }
        });
        thread.start();
        boolean interrupted = false;
        while (true) {
            try {
                thread.join(); // never leave early: the caller undoes the pin only once the thread is done with it
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new NetnsException(pin, "could not create a network namespace pinned at " + pin + ": "
                    + failure.get().getMessage(), HINT_ROOT, failure.get());
        }
    }
}
