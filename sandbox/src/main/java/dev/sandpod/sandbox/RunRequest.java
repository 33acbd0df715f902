package dev.sandpod.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code sandpod run} asks for, as the user wrote it; {@link SandboxService#run} validates every field
 * (limits, volumes, restart policy, name) before it makes anything. Build it with {@link #builder(String)}.
 *
 * @param args    replaces the image's Entrypoint and Cmd when not empty
 * @param env     KEY=VALUE entries added to (and overriding) the image's
 * @param user    name, uid, uid:gid or name:group, resolved in the image's /etc/passwd and /etc/group;
 *                empty: the image's user
 * @param memory  like 64Mi; cpus like 0.5; pids like 100
 * @param volumes SRC:DST[:ro]
 * @param runtime runc or runsc (gVisor); empty: runc
 * @param secret  the registry secret to pull the image with, when it is not stored
 */
public record RunRequest(Optional<String> name, String image, List<String> args, List<String> env,
                         Optional<String> user, Optional<String> workdir, String restart, Optional<String> memory,
                         Optional<String> cpus, Optional<String> pids, Set<String> capAdd, Set<String> capDrop,
                         boolean readOnly, List<String> volumes, Optional<String> runtime, Optional<String> secret) {
    public RunRequest {
        args = List.copyOf(args);
        env = List.copyOf(env);
        capAdd = Set.copyOf(capAdd);
        capDrop = Set.copyOf(capDrop);
        volumes = List.copyOf(volumes);
        runtime = runtime == null ? Optional.empty() : runtime;
    }

    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** A mutable builder: the API edge where requests are assembled field by field. */
    public static final class Builder {
        private Optional<String> name = Optional.empty();
        private final String image;
        private List<String> args = List.of();
        private List<String> env = List.of();
        private Optional<String> user = Optional.empty();
        private Optional<String> workdir = Optional.empty();
        private String restart = "never";
        private Optional<String> memory = Optional.empty();
        private Optional<String> cpus = Optional.empty();
        private Optional<String> pids = Optional.empty();
        private Set<String> capAdd = Set.of();
        private Set<String> capDrop = Set.of();
        private boolean readOnly;
        private List<String> volumes = List.of();
        private Optional<String> runtime = Optional.empty();
        private Optional<String> secret = Optional.empty();

        private Builder(String image) {
            this.image = image;
        }

        public Builder name(String value) {
            name = Optional.of(value);
            return this;
        }

        public Builder args(String... value) {
            args = List.of(value);
            return this;
        }

        public Builder args(List<String> value) {
            args = value;
            return this;
        }

        public Builder env(List<String> value) {
            env = value;
            return this;
        }

        public Builder user(String value) {
            user = Optional.of(value);
            return this;
        }

        public Builder workdir(String value) {
            workdir = Optional.of(value);
            return this;
        }

        public Builder restart(String value) {
            restart = value;
            return this;
        }

        public Builder memory(String value) {
            memory = Optional.of(value);
            return this;
        }

        public Builder cpus(String value) {
            cpus = Optional.of(value);
            return this;
        }

        public Builder pids(String value) {
            pids = Optional.of(value);
            return this;
        }

        public Builder capabilities(Set<String> add, Set<String> drop) {
            capAdd = add;
            capDrop = drop;
            return this;
        }

        public Builder readOnly(boolean value) {
            readOnly = value;
            return this;
        }

        public Builder volumes(List<String> value) {
            volumes = value;
            return this;
        }

        /** The OCI runtime: {@code runc} (the default) or {@code runsc} (gVisor, the stronger isolation class). */
        public Builder runtime(String value) {
            runtime = Optional.of(value);
            return this;
        }

        /** The registry secret to pull the image with, when it is not stored. */
        public Builder secret(String value) {
            secret = Optional.of(value);
            return this;
        }

        public RunRequest build() {
            return new RunRequest(name, image, args, env, user, workdir, restart, memory, cpus, pids, capAdd, capDrop,
                    readOnly, volumes, runtime, secret);
        }
    }
}
