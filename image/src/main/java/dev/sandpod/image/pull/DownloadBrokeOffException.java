package dev.sandpod.image.pull;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ref.Digest;

/** The registry stopped sending a blob midway (time-out, reset); what arrived is kept for the next pull. */
public final class DownloadBrokeOffException extends SandpodException {
    public DownloadBrokeOffException(Digest blob, String origin, long received, long size, Throwable cause) {
        super("the download of blob " + blob + " from " + origin + " broke off after " + received + " of " + size
                        + " bytes: " + cause.getMessage(),
                "run the same pull again: it resumes where this one stopped", cause);
    }
}
