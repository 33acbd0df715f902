package dev.sandpod.api.system;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.SandpodVersion;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.VersionInfo;

import java.io.IOException;

/** {@code GET /v1/version}: who answers (version, pid, root); also how clients check a daemon is up. */
public record GetVersion(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws IOException {
        exchange.respond(200, new VersionInfo(SandpodVersion.VERSION, SandpodVersion.API_VERSION, ProcessHandle.current().pid(),
                context.layout().root().toString()));
    }
}
