package dev.sandpod.api;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.sandbox.SandboxService;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.SecretStore;

/**
 * What operations may use: the root, the limits, the services on that root, and a way to stop the daemon.
 * An {@link ImageService} is opened per request (it holds one SQLite connection for one thread; the
 * stores lock across threads and processes); the {@link SandboxService} is the daemon's one controller.
 */
public record ApiContext(RootLayout layout, DaemonOptions options, SandboxService sandboxes, Runnable stopDaemon) {
    public ImageService openImages() throws SandpodException {
        return ImageService.open(layout);
    }

    public SecretStore secrets() {
        return new SecretStore(layout);
    }
}
