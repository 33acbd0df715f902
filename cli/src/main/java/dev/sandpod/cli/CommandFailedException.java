package dev.sandpod.cli;

import dev.sandpod.core.SandpodException;

/** A command-level failure outside any module (an unreadable input file, an unwritable output). */
final class CommandFailedException extends SandpodException {
    CommandFailedException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
