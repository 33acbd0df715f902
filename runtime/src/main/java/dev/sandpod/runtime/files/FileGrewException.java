package dev.sandpod.runtime.files;

import java.io.IOException;

/**
 * A file read past its limit because it grew while it was read (procfs files say size 0). An IOException, as it
 * comes from a stream; {@link #problem()} is the TOO_LARGE failure to report if nothing has been sent yet.
 */
public final class FileGrewException extends IOException {
    private final FilesException problem;

    FileGrewException(FilesException problem) {
        super(problem.getMessage());
        this.problem = problem;
    }

    public FilesException problem() {
        return problem;
    }
}
