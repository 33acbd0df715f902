package dev.sandpod.sandbox;

import dev.sandpod.runtime.exec.ExecSpec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One exec as the API takes it. {@code container} empty: the sandbox's main container. {@code user} as {@code -u}
 * takes it (name, uid, uid:gid, name:group), resolved against the container's own /etc/passwd and /etc/group
 * now (an agent's {@code adduser} counts). {@code expectInstance}: the container instance the caller last saw;
 * a different one is refused with {@link ContainerRestartedException}. {@code streamStdin}: the command's stdin
 * comes later, through {@link SandboxService#attachStdin}, as the caller streams it. {@code terminal}: a
 * pseudo-terminal of that size (stdout and stderr both come through it).
 */
public record ExecRequest(String sandbox, Optional<String> container, List<String> argv, Optional<String> user,
                          Optional<String> cwd, Map<String, String> env, Optional<Duration> timeout,
                          long outputLimit, OptionalInt expectInstance, boolean streamStdin,
                          Optional<ExecSpec.Terminal> terminal) {
    public ExecRequest {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
