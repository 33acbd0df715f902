package dev.sandpod.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.runtime.RuntimeClass;
import dev.sandpod.runtime.RuntimeMissingException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A container's resolved spec as kept in the containers table (JSON): the request merged with the image's config.
 * The pod's parts (netns, hostname, /etc files) are not in it: they come from the service row at each (re)create.
 * Limits are nullable longs because that is how they read best in JSON.
 *
 * @param runtime runc or runsc (null in rows written before runsc existed: runc)
 * @param groups  the user's supplementary gids, resolved from the image's /etc/group
 */
record StoredSpec(List<String> args, List<String> env, String cwd, long uid, long gid, boolean readOnly,
                  List<StoredMount> volumes, Set<String> capAdd, Set<String> capDrop, Long memoryBytes,
                  Long cpuMillis, Long pids, String runtime, List<Long> groups) {
    private static final ObjectMapper JSON = new ObjectMapper();

    record StoredMount(String source, String destination, boolean readOnly) {
    }

    StoredSpec {
        args = List.copyOf(args);
        env = List.copyOf(env);
        volumes = List.copyOf(volumes);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        groups = groups == null ? List.of() : List.copyOf(groups); // null: stored before supplementary groups were
    }

    ContainerSpec.Limits limits() {
        return new ContainerSpec.Limits(optional(memoryBytes), optional(cpuMillis), optional(pids));
    }

    /** This spec with each limit that is present in {@code changes} replaced; the others stay. */
    StoredSpec withLimits(ContainerSpec.Limits changes) {
        // boxed on both sides: a mixed long/Long conditional would unbox a null (unlimited) limit
        return new StoredSpec(args, env, cwd, uid, gid, readOnly, volumes, capAdd, capDrop,
                changes.memoryBytes().isPresent() ? Long.valueOf(changes.memoryBytes().getAsLong()) : memoryBytes,
                changes.cpuMillis().isPresent() ? Long.valueOf(changes.cpuMillis().getAsLong()) : cpuMillis,
                changes.pids().isPresent() ? Long.valueOf(changes.pids().getAsLong()) : pids, runtime, groups);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    static Long nullable(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }

    /** The runtime's spec for this container in {@code pod}: its netns, hostname and the pod's writable /etc files. */
    ContainerSpec toContainerSpec(ServiceRow pod) {
        List<ContainerSpec.BindMount> mounts = new ArrayList<>();
        for (StoredMount v : volumes) {
            mounts.add(new ContainerSpec.BindMount(Path.of(v.source()), v.destination(), v.readOnly()));
        }
        Path files = Path.of(pod.filesDir().orElseThrow());
        // Writable on purpose: /etc/hosts belongs to the user, and the files outlive each container instance.
        mounts.add(new ContainerSpec.BindMount(files.resolve("hosts"), "/etc/hosts", false));
        mounts.add(new ContainerSpec.BindMount(files.resolve("resolv.conf"), "/etc/resolv.conf", false));
        mounts.add(new ContainerSpec.BindMount(files.resolve("hostname"), "/etc/hostname", false));
        return ContainerSpec.of(args, "/unset")
                .withEnv(env)
                .withCwd(cwd)
                .withUser(new ContainerSpec.User(uid, gid, groups))
                .withHostname(pod.hostname())
                .withReadOnlyRootfs(readOnly)
                .withMounts(mounts)
                .withCapabilities(capAdd, capDrop)
                .withLimits(limits())
                .withNetworkNamespace(Path.of(pod.netns().orElseThrow()))
                .withRuntime(runtimeClass());
    }

    RuntimeClass runtimeClass() {
        try {
            return runtime == null ? RuntimeClass.RUNC : RuntimeClass.parse(runtime);
        } catch (RuntimeMissingException e) {
            throw new IllegalStateException("unknown runtime in state.db: " + runtime, e);
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored spec always serialises", e);
        }
    }

    static StoredSpec fromJson(String json) {
        try {
            return JSON.readValue(json, StoredSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable container spec in state.db: " + e.getMessage(), e);
        }
    }
}
