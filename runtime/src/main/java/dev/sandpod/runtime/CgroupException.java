package dev.sandpod.runtime;

/** A cgroup file could not be read or written. */
public final class CgroupException extends ContainerException {
    public CgroupException(String message, Throwable cause) {
        super(message, "check that the cgroup still exists (the container may have been removed)", cause);
    }
}
