package dev.sandpod.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What one container runs and with which limits: the input of {@link OciSpecBuilder}. Immutable; change it with
 * the {@code withX} methods. {@link OciSpecBuilder#build} validates it and turns it into an OCI config.
 *
 * @param args             argv of the container's process; args[0] is resolved by runc against PATH in env
 * @param env              KEY=VALUE entries
 * @param cwd              absolute working directory inside the container
 * @param capAdd           capabilities added to Docker's default set (with or without CAP_, any case; ALL)
 * @param capDrop          capabilities dropped from it (ALL drops all before the adds)
 * @param networkNamespace a netns to join (a pinned /run/netns/NAME or ROOT/run/netns/...); empty: the host's network
 * @param pidNamespace     a PID namespace to join (/proc/PID/ns/pid of a target, for debug containers); empty: a new one
 * @param cgroupsPath      the container's cgroup, relative to each hierarchy's root (see {@link CgroupPaths})
 * @param runtime          the OCI runtime that runs it: runc (the default) or runsc (gVisor)
 */
public record ContainerSpec(List<String> args, List<String> env, String cwd, User user, String hostname,
                            boolean readOnlyRootfs, List<BindMount> mounts, Set<String> capAdd, Set<String> capDrop,
                            Limits limits, Optional<Path> networkNamespace, Optional<Path> pidNamespace,
                            String cgroupsPath, RuntimeClass runtime) {
    public static final List<String> DEFAULT_ENV =
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");

    public ContainerSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        mounts = List.copyOf(mounts);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        runtime = runtime == null ? RuntimeClass.RUNC : runtime;
    }

    /** Docker's defaults: root, cwd /, PATH only, no limits, the host's network, a cgroup the caller must set. */
    public static ContainerSpec of(List<String> args, String cgroupsPath) {
        return new ContainerSpec(args, DEFAULT_ENV, "/", User.ROOT, "sandpod", false, List.of(), Set.of(), Set.of(),
                Limits.NONE, Optional.empty(), Optional.empty(), cgroupsPath, RuntimeClass.RUNC);
    }

    /** uid, gid and supplementary gids of the process. */
    public record User(long uid, long gid, List<Long> additionalGids) {
        public static final User ROOT = new User(0, 0, List.of());

        public User {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    /** A host path bind-mounted into the container. */
    public record BindMount(Path source, String destination, boolean readOnly) {
    }

    /**
     * Resource limits; an empty value means unlimited.
     *
     * @param cpuMillis CPU quota in thousandths of a CPU (500 = half a CPU), enforced as a CFS quota per 100 ms
     */
    public record Limits(OptionalLong memoryBytes, OptionalLong cpuMillis, OptionalLong pids) {
        public static final Limits NONE = new Limits(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        public Limits withMemoryBytes(long bytes) {
            return new Limits(OptionalLong.of(bytes), cpuMillis, pids);
        }

        public Limits withCpuMillis(long millis) {
            return new Limits(memoryBytes, OptionalLong.of(millis), pids);
        }

        public Limits withPids(long max) {
            return new Limits(memoryBytes, cpuMillis, OptionalLong.of(max));
        }
    }

    public ContainerSpec withArgs(List<String> newArgs) {
        return new ContainerSpec(newArgs, env, cwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withEnv(List<String> newEnv) {
        return new ContainerSpec(args, newEnv, cwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withCwd(String newCwd) {
        return new ContainerSpec(args, env, newCwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withUser(User newUser) {
        return new ContainerSpec(args, env, cwd, newUser, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withHostname(String newHostname) {
        return new ContainerSpec(args, env, cwd, user, newHostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withReadOnlyRootfs(boolean readOnly) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnly, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withMounts(List<BindMount> newMounts) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnlyRootfs, newMounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withCapabilities(Set<String> add, Set<String> drop) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnlyRootfs, mounts, add, drop, limits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withLimits(Limits newLimits) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, newLimits,
                networkNamespace, pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withNetworkNamespace(Path netns) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                Optional.of(netns), pidNamespace, cgroupsPath, runtime);
    }

    public ContainerSpec withPidNamespace(Path pidns) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, Optional.of(pidns), cgroupsPath, runtime);
    }

    public ContainerSpec withCgroupsPath(String path) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, path, runtime);
    }

    public ContainerSpec withRuntime(RuntimeClass newRuntime) {
        return new ContainerSpec(args, env, cwd, user, hostname, readOnlyRootfs, mounts, capAdd, capDrop, limits,
                networkNamespace, pidNamespace, cgroupsPath, newRuntime);
    }
}
