package dev.sandpod.sandbox.doctor;

import dev.sandpod.core.SandpodException;

/** Doctor could not look at something (state.db, /proc, a directory); nothing was removed on its account. */
public final class DoctorException extends SandpodException {
    public DoctorException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
