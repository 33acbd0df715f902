package dev.sandpod.runtime;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A container's cgroup: read usage and limits, change limits, learn whether the kernel OOM-killed in it, remove
 * it. Paths are relative to each hierarchy's root, as in the OCI config's {@code cgroupsPath}. Limits are changed
 * by writing the memory, cpu and pids controllers' files directly, never through {@code runc update} and never
 * touching the devices controller: runc 1.1's update rewrites the device rules and denies every device for a
 * moment (background document 002).
 */
public interface Cgroups {
    /** Current use: memory in bytes (and its peak where the kernel keeps one), tasks, CPU time in nanoseconds. */
    record Usage(long memoryBytes, long memoryPeakBytes, long pids, long cpuNanos) {
    }

    ContainerSpec.Limits limits(String path) throws CgroupException;

    Usage usage(String path) throws CgroupException;

    /** Sets each limit that is present; limits that are empty are left as they are. */
    void update(String path, ContainerSpec.Limits limits) throws CgroupException;

    /** Whether the kernel's OOM killer killed a process in this cgroup; false if the cgroup is gone. */
    boolean oomKilled(String path) throws CgroupException;

    boolean exists(String path);

    /** A new, empty child cgroup {@code name} of the container's, for one exec's processes. */
    ExecGroup createExecGroup(String containerPath, String name) throws CgroupException;

    /**
     * Removes the cgroup in every hierarchy, then its parents up to (not including) {@link CgroupPaths#TOP} while
     * they are empty. A cgroup that is already gone is fine.
     */
    void remove(String path) throws CgroupException;

    /** v2 when /sys/fs/cgroup is the unified hierarchy, else v1 (which is also the hybrid layout). */
    static Cgroups detect() {
        Path root = Path.of("/sys/fs/cgroup");
        return Files.exists(root.resolve("cgroup.controllers")) ? new CgroupsV2(root) : new CgroupsV1(root);
    }
}
