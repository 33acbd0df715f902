package dev.sandpod.api;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.SecretStore;

/**
 * What operations may use: the root, the limits, the services on that root, and a way to stop the daemon.
 * An {@link ImageService} is opened per request (it holds one SQLite connection for one thread; the
 * stores lock across threads and processes).
 */
public record ApiContext(RootLayout layout, DaemonOptions options, Runnable stopDaemon) {
    public ImageService openImages() throws SandpodException {
        return ImageService.open(layout);
    }

    public SecretStore secrets() {
        return new SecretStore(layout);
    }
}
