package dev.sandpod.runtime.exec;

/**
 * Sees an exec's output as it comes, before any limit applies (streaming callers forward it). Called from the
 * threads that read the streams; must not block for long, since a stalled listener stalls the command's pipe.
 */
@FunctionalInterface
public interface ExecOutputListener {
    ExecOutputListener NONE = (stream, bytes, offset, length) -> {
    };

    void output(ExecStream stream, byte[] bytes, int offset, int length);
}
