package dev.sandpod.runtime.exec;

import dev.sandpod.runtime.ContainerSpec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One command to run in a running container. {@code env} entries (KEY=VALUE) go on top of the container's own
 * environment; an empty {@code user} or {@code cwd} means the container's. Everything else about the process (its
 * capabilities, no_new_privs, seccomp, AppArmor, rlimits, namespaces) is the container's own. With a
 * {@code terminal}, the command gets a pseudo-terminal of that size: its stdout and stderr both come through it.
 */
public record ExecSpec(List<String> argv, List<String> env, Optional<String> cwd, Optional<ContainerSpec.User> user,
                       Optional<Duration> timeout, long outputLimit, Optional<Terminal> terminal) {
    /** A pseudo-terminal's size in characters. */
    public record Terminal(int rows, int cols) {
        public static final Terminal DEFAULT = new Terminal(24, 80);

        public Terminal {
            if (rows < 1 || cols < 1 || rows > 10_000 || cols > 10_000) {
                throw new IllegalArgumentException("terminal size " + rows + "x" + cols + " is out of range");
            }
        }
    }

    /** Per stream, as the API's default. */
    public static final long DEFAULT_OUTPUT_LIMIT = 10L << 20;
    /** The largest per-stream limit: the kept bytes must fit one Java array, and the daemon's memory. */
    public static final long MAX_OUTPUT_LIMIT = 1L << 30;

    public ExecSpec {
        argv = List.copyOf(argv);
        env = List.copyOf(env);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("an exec needs a command");
        }
        if (outputLimit < 0 || outputLimit > MAX_OUTPUT_LIMIT) {
            throw new IllegalArgumentException("output limit " + outputLimit + " is out of range");
        }
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + t);
            }
        });
    }

    public ExecSpec(List<String> argv, List<String> env, Optional<String> cwd, Optional<ContainerSpec.User> user,
                    Optional<Duration> timeout, long outputLimit) {
        this(argv, env, cwd, user, timeout, outputLimit, Optional.empty());
    }

    public static ExecSpec of(String... argv) {
        return new ExecSpec(List.of(argv), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_OUTPUT_LIMIT);
    }

    public ExecSpec withTimeout(Duration timeout) {
        return new ExecSpec(argv, env, cwd, user, Optional.of(timeout), outputLimit, terminal);
    }

    public ExecSpec withOutputLimit(long limit) {
        return new ExecSpec(argv, env, cwd, user, timeout, limit, terminal);
    }

    public ExecSpec withTerminal(Terminal size) {
        return new ExecSpec(argv, env, cwd, user, timeout, outputLimit, Optional.of(size));
    }
}
