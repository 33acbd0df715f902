package dev.sandpod.runtime;

/** A container's lifecycle status as runc and conmon report it. */
public enum ContainerStatus {
    /** runc created it; its process waits for start. */
    CREATED,
    RUNNING,
    PAUSED,
    /** Its process has ended; the exit code is known from conmon's exit file. */
    EXITED,
    /** runc has no container by this id and conmon left no exit file. */
    UNKNOWN
}
