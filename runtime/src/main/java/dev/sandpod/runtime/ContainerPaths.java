package dev.sandpod.runtime;

import dev.sandpod.state.RootLayout;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where one container's files live. Under the root: {@code sandboxes/<sandbox>/containers/<id>/} is the OCI
 * bundle (config.json, rootfs/ mount point), the overlay's {@code upper/} and {@code work/} (kept across restarts
 * of the container, removed with it) and the CRI log {@code container.log}. Under the runtime dir: runc's own
 * {@code --root} ({@code runc/}), conmon's exit files ({@code exits/<id>}), attach socket links ({@code sockets/})
 * and per-container pid and log files ({@code containers/<id>/}).
 */
public record ContainerPaths(RootLayout layout, String sandboxId, String containerId) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    public ContainerPaths {
        if (!ID.matcher(sandboxId).matches()) {
            throw new IllegalArgumentException("bad sandbox id '" + sandboxId + "'");
        }
        if (!ID.matcher(containerId).matches()) {
            throw new IllegalArgumentException("bad container id '" + containerId + "'");
        }
    }

    public static boolean validId(String id) {
        return ID.matcher(id).matches();
    }

    /** The bundle directory runc gets with --bundle. */
    public Path dir() {
        return layout.sandboxesDir().resolve(sandboxId).resolve("containers").resolve(containerId);
    }

    public Path rootfs() {
        return dir().resolve("rootfs");
    }

    public Path upper() {
        return dir().resolve("upper");
    }

    public Path work() {
        return dir().resolve("work");
    }

    public Path logFile() {
        return dir().resolve("container.log");
    }

    /** The log of the instance before the last {@code recreate}, as {@code logs --previous} shows it. */
    public Path previousLogFile() {
        return dir().resolve("container.log.previous");
    }

    public Path runcRoot() {
        return runcRoot(layout);
    }

    public static Path runcRoot(RootLayout layout) {
        return layout.runtimeDir().resolve("runc");
    }

    public Path exitDir() {
        return exitDir(layout);
    }

    public static Path exitDir(RootLayout layout) {
        return layout.runtimeDir().resolve("exits");
    }

    public Path exitFile() {
        return exitDir().resolve(containerId);
    }

    public Path socketDir() {
        return layout.runtimeDir().resolve("sockets");
    }

    /** conmon's and runc's files for this container in the runtime dir. */
    public Path runtimeFilesDir() {
        return runtimeFilesDir(layout, containerId);
    }

    public static Path runtimeFilesDir(RootLayout layout, String containerId) {
        return layout.runtimeDir().resolve("containers").resolve(containerId);
    }

    public Path conmonPidFile() {
        return runtimeFilesDir().resolve("conmon.pid");
    }

    public Path containerPidFile() {
        return runtimeFilesDir().resolve("container.pid");
    }

    /** runc's JSON error log (--log with --log-format=json). */
    public Path runcLog() {
        return runtimeFilesDir().resolve("runc.log");
    }

    /** conmon's own stderr. */
    public Path conmonLog() {
        return runtimeFilesDir().resolve("conmon.log");
    }

    public String cgroupsPath() {
        return CgroupPaths.forContainer(layout, sandboxId, containerId);
    }
}
