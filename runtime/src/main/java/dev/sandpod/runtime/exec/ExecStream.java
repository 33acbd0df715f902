package dev.sandpod.runtime.exec;

/** The two output streams of an exec. */
public enum ExecStream {
    STDOUT, STDERR
}
