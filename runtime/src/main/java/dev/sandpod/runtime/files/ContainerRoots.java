package dev.sandpod.runtime.files;

import static dev.sandpod.core.sys.Syscalls.O_CLOEXEC;
import static dev.sandpod.core.sys.Syscalls.O_DIRECTORY;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_PATH;

import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.runtime.RuntimeClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the {@link ConfinedRoot} that stands for a container's {@code /}, as {@link RootChoice} says. */
public final class ContainerRoots {
    private final Syscalls sys;

    public ContainerRoots(Syscalls sys) {
        this.sys = sys;
    }

    /**
     * @param where how messages name the container, such as "sandbox web"
     * @throws FilesException UNAVAILABLE when neither a running process nor a mounted rootfs has the container's files
     */
    public ContainerFiles open(ContainerPaths paths, RuntimeClass runtime, String where) throws FilesException {
        Optional<Integer> processRoot = RootChoice.tryProcessRoot(runtime) ? openProcessRoot(paths) : Optional.empty();
        if (processRoot.isPresent()) {
            return new ContainerFiles(new ConfinedRoot(sys, processRoot.get(), where));
        }
        Optional<Integer> rootfs = openMountedRootfs(paths);
        return switch (RootChoice.choose(runtime, false, rootfs.isPresent())) {
            case RootChoice.Rootfs r -> new ContainerFiles(new ConfinedRoot(sys, rootfs.orElseThrow(), where));
            case RootChoice.Unavailable u -> throw FilesException.unavailable(where, u.why(), u.hint());
            case RootChoice.ProcessRoot p -> throw new IllegalStateException("no process root was opened");
        };
    }

    /**
     * The root of the container's init process, if it runs. The pid comes from conmon's pid file; a pidfd pins that
     * process while its cgroup is checked (a reused pid belongs to another cgroup) and its root opened, and the
     * pidfd then says it still lived throughout, so the root opened was the container's.
     */
    private Optional<Integer> openProcessRoot(ContainerPaths paths) throws FilesException {
        Optional<Long> pid = readPid(paths.containerPidFile());
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        int pidfd;
        try {
            pidfd = sys.pidfdOpen(pid.get());
        } catch (SyscallException e) {
            return Optional.empty(); // ESRCH: it has exited
        }
        try {
            if (!inContainerCgroup(pid.get(), paths.cgroupsPath())) {
                return Optional.empty();
            }
            int rootFd;
            try {
                rootFd = sys.openat2(Syscalls.AT_FDCWD, "/proc/" + pid.get() + "/root", O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0);
            } catch (SyscallException e) {
                return Optional.empty(); // exited (a zombie has no root) meanwhile
            }
            try {
                sys.pidfdSendSignal(pidfd, 0);
                return Optional.of(rootFd);
            } catch (SyscallException e) {
                closeQuietly(rootFd, e);
                return Optional.empty(); // the process ended: the pid may have been someone else's by the open
            }
        } finally {
            closeQuietly(pidfd, null);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (NoSuchFileException | NumberFormatException e) {
            return Optional.empty(); // not created yet, or being written
        } catch (IOException e) {
            return Optional.empty(); // unreadable: treated as not running; the rootfs may still serve
        }
    }

    private static boolean inContainerCgroup(long pid, String cgroupPath) {
        try {
            return CgroupMembership.isIn(Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")), cgroupPath);
        } catch (IOException e) {
            return false; // exited meanwhile
        }
    }

    /** The bundle's rootfs, if it is a mount point (the overlay is on another device than the bundle directory). */
    private Optional<Integer> openMountedRootfs(ContainerPaths paths) throws FilesException {
        int fd;
        try {
            fd = sys.openat2(Syscalls.AT_FDCWD, paths.rootfs().toString(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0, 0);
        } catch (SyscallException e) {
            return Optional.empty(); // no bundle: never created, or removed
        }
        try {
            long rootfsDev = sys.statx(fd, "", Syscalls.AT_EMPTY_PATH).dev();
            long bundleDev = sys.statx(Syscalls.AT_FDCWD, paths.dir().toString(), Syscalls.AT_SYMLINK_NOFOLLOW).dev();
            if (rootfsDev != bundleDev) {
                return Optional.of(fd);
            }
        } catch (SyscallException e) {
            closeQuietly(fd, e);
            return Optional.empty();
        }
        closeQuietly(fd, null);
        return Optional.empty();
    }

    private void closeQuietly(int fd, Exception failure) {
        try {
            sys.close(fd);
        } catch (SyscallException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                throw new IllegalStateException("closing fd " + fd + " failed", e);
            }
        }
    }
}
