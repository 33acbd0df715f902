package dev.sandpod.image.pull;

import dev.sandpod.core.SandpodException;

/** A pull stopped before it finished (interrupted, or an unexpected failure in a worker). */
public final class PullInterruptedException extends SandpodException {
    public PullInterruptedException(Throwable cause) {
        super("the pull stopped before it finished: " + cause, "run it again; it resumes what was already fetched", cause);
    }
}
