package dev.sandpod.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * What {@code sandpod debug} asks for, as the user wrote it; {@link SandboxService#debug} validates every field
 * before it makes anything. Build it with {@link #builder(String)}.
 *
 * @param sandbox the sandbox's name or id
 * @param name    the debug container's name; empty: {@code debug-} and a random suffix
 * @param image   empty: the main container's image (by digest, so it is the very same image)
 * @param memory  like 64Mi; cpus like 0.5; pids like 100: the debug container's own limits, in its own cgroup
 * @param target  the container whose PID namespace it joins; empty: the main container
 * @param args    the command; empty: {@code /bin/sh}
 */
public record DebugRequest(String sandbox, Optional<String> name, Optional<String> image, Optional<String> memory,
                           Optional<String> cpus, Optional<String> pids, Optional<String> target, List<String> args,
                           Optional<String> user) {
    public static final List<String> DEFAULT_ARGS = List.of("/bin/sh");

    public DebugRequest {
        args = List.copyOf(args);
    }

    public static Builder builder(String sandbox) {
        return new Builder(sandbox);
    }

    public static final class Builder {
        private final String sandbox;
        private Optional<String> name = Optional.empty();
        private Optional<String> image = Optional.empty();
        private Optional<String> memory = Optional.empty();
        private Optional<String> cpus = Optional.empty();
        private Optional<String> pids = Optional.empty();
        private Optional<String> target = Optional.empty();
        private List<String> args = List.of();
        private Optional<String> user = Optional.empty();

        private Builder(String sandbox) {
            this.sandbox = sandbox;
        }

        public Builder name(String value) {
            name = Optional.of(value);
            return this;
        }

        public Builder image(String value) {
            image = Optional.of(value);
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

        public Builder target(String value) {
            target = Optional.of(value);
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

        /** As {@code -u} takes it, resolved in the debug image's /etc/passwd and /etc/group; default its User. */
        public Builder user(String value) {
            user = Optional.of(value);
            return this;
        }

        public DebugRequest build() {
            return new DebugRequest(sandbox, name, image, memory, cpus, pids, target, args, user);
        }
    }
}
