package dev.sandpod.runtime;

/**
 * The cgroup of one exec, a child of its container's: every process the command starts lands in it, including
 * children that call {@code setsid}, daemonise or re-parent to the container's init, so {@link #killAll} ends the
 * whole tree and nothing else of the container.
 */
public interface ExecGroup extends AutoCloseable {
    /** The value of {@code runc exec --cgroup} that puts the command in this group. */
    String runcArgument();

    /** SIGKILLs every process in the group, racing forks, until it is empty (or gives up after a few seconds). */
    void killAll() throws CgroupException;

    /** Whether no process is left in the group. */
    boolean empty();

    /**
     * Removes the group when it is empty. One that still holds background processes (an agent's server started
     * with {@code &}) stays: they keep running, and the container's removal takes the group with it.
     */
    @Override
    void close();
}
