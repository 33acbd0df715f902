package dev.sandpod.api.secrets;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.SecretInfo;
import dev.sandpod.client.model.SecretList;
import dev.sandpod.core.SandpodException;

import java.io.IOException;

/** {@code GET /v1/secrets}: names, servers and usernames; never a password. */
public record ListSecrets(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws SandpodException, IOException {
        exchange.respond(200, new SecretList(context.secrets().list().stream()
                .map(s -> new SecretInfo(s.name(), s.server(), s.username())).toList()));
    }
}
