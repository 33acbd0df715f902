package dev.sandpod.runtime.files;

import dev.sandpod.runtime.RuntimeClass;

/**
 * Which directory stands for a container's {@code /}. While a runc container runs, its init process's root
 * ({@code /proc/<pid>/root}): the container's own mounts (volumes, the pod's /etc/hosts) are what it sees.
 * Otherwise the bundle's rootfs overlay, while it is mounted (a stopped container keeps it until removed).
 * gVisor (runsc) serves its container's files from the host's rootfs through its gofer, and its process's root
 * is not the container's, so runsc always uses the rootfs.
 */
sealed interface RootChoice {
    record ProcessRoot() implements RootChoice {
    }

    record Rootfs() implements RootChoice {
    }

    record Unavailable(String why, String hint) implements RootChoice {
    }

    /** The choice before anything is opened: whether to try the live process's root first. */
    static boolean tryProcessRoot(RuntimeClass runtime) {
        return runtime == RuntimeClass.RUNC;
    }

    /** The choice once it is known whether a live process's root was opened and whether the rootfs is mounted. */
    static RootChoice choose(RuntimeClass runtime, boolean processRootOpened, boolean rootfsMounted) {
        if (processRootOpened && tryProcessRoot(runtime)) {
            return new ProcessRoot();
        }
        if (rootfsMounted) {
            return new Rootfs();
        }
        return new Unavailable("it is not running and its root file system is not mounted (it is being restarted, or was never started)",
                "wait for it to run again (`sandpod describe`), then retry");
    }
}
