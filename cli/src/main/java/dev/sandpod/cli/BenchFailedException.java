package dev.sandpod.cli;

import dev.sandpod.core.SandpodException;

/** A benchmark could not measure: a timed command failed or hung, or what it measures could not be set up. */
final class BenchFailedException extends SandpodException {
    BenchFailedException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
