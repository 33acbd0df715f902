package dev.sandpod.client.model;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/sandboxes/{name}/exec}; only {@code argv} is required.
 *
 * @param container      a container of the sandbox by name (default: its main container)
 * @param user           name, uid, uid:gid or name:group, resolved in the container's own /etc/passwd and /etc/group
 * @param cwd            absolute working directory in the container (default: the container's)
 * @param env            on top of the container's environment
 * @param stdin          the command's standard input as text; {@code stdinBase64} for bytes (at most one of them)
 * @param timeout        seconds; past it the exec's whole process tree is killed and the exit code is 124
 * @param outputLimit    bytes kept per stream (default 10 MiB): the head and the tail, the middle counted as dropped
 * @param expectInstance the container instance the caller last saw; a restarted container is refused (409 ContainerRestarted)
 * @param encoding       of stdout and stderr in the answer: {@code utf-8} (default; invalid bytes replaced) or {@code base64}
 * @param stream         answer with an NDJSON stream of {@link ExecEvent}s as the output comes, instead of one result
 * @param streamStdin    the command's stdin is streamed in by {@code POST /v1/execs/{id}/stdin} (its id is in the
 *                       started event); the end of that body is the end of the input. Only with {@code stream}.
 * @param tty            give the command a pseudo-terminal ({@code ttyRows} x {@code ttyCols}, default 24 x 80): its
 *                       stdout and stderr both come through it, as stdout
 */
public record ExecCommandRequest(List<String> argv, String container, String user, String cwd, Map<String, String> env,
                                 String stdin, String stdinBase64, Double timeout, Long outputLimit,
                                 Integer expectInstance, String encoding, Boolean stream, Boolean streamStdin,
                                 Boolean tty, Integer ttyRows, Integer ttyCols) {
    public static ExecCommandRequest of(List<String> argv) {
        return new ExecCommandRequest(argv, null, null, null, Map.of(), null, null, null, null, null, null, null, null, null, null, null);
    }

    public ExecCommandRequest withUser(String user) {
        return new ExecCommandRequest(argv, container, user, cwd, env, stdin, stdinBase64, timeout, outputLimit,
                expectInstance, encoding, stream, streamStdin, tty, ttyRows, ttyCols);
    }

    public ExecCommandRequest withTimeout(double seconds) {
        return new ExecCommandRequest(argv, container, user, cwd, env, stdin, stdinBase64, seconds, outputLimit,
                expectInstance, encoding, stream, streamStdin, tty, ttyRows, ttyCols);
    }

    public ExecCommandRequest withStdin(String text) {
        return new ExecCommandRequest(argv, container, user, cwd, env, text, null, timeout, outputLimit,
                expectInstance, encoding, stream, streamStdin, tty, ttyRows, ttyCols);
    }

    public ExecCommandRequest withOutputLimit(long bytes) {
        return new ExecCommandRequest(argv, container, user, cwd, env, stdin, stdinBase64, timeout, bytes,
                expectInstance, encoding, stream, streamStdin, tty, ttyRows, ttyCols);
    }

    public ExecCommandRequest withExpectInstance(int instance) {
        return new ExecCommandRequest(argv, container, user, cwd, env, stdin, stdinBase64, timeout, outputLimit,
                instance, encoding, stream, streamStdin, tty, ttyRows, ttyCols);
    }

    /** With a pseudo-terminal of {@code rows} x {@code cols}. */
    public ExecCommandRequest withTty(int rows, int cols) {
        return new ExecCommandRequest(argv, container, user, cwd, env, stdin, stdinBase64, timeout, outputLimit,
                expectInstance, encoding, stream, streamStdin, true, rows, cols);
    }

    /** Streamed, with stdin to follow through {@code POST /v1/execs/{id}/stdin}. */
    public ExecCommandRequest withStreamedStdin() {
        return new ExecCommandRequest(argv, container, user, cwd, env, null, null, timeout, outputLimit,
                expectInstance, encoding, true, true, tty, ttyRows, ttyCols);
    }

    public ExecCommandRequest streamed() {
        return new ExecCommandRequest(argv, container, user, cwd, env, stdin, stdinBase64, timeout, outputLimit,
                expectInstance, encoding, true, streamStdin, tty, ttyRows, ttyCols);
    }
}
