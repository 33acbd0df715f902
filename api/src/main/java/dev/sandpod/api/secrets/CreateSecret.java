package dev.sandpod.api.secrets;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.SecretCreateRequest;
import dev.sandpod.client.model.SecretInfo;
import dev.sandpod.state.RegistrySecret;

/** {@code POST /v1/secrets}: stores a registry secret (0600); answers 201 with it, less its password. */
public record CreateSecret(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        SecretCreateRequest request = exchange.readJson(SecretCreateRequest.class);
        for (var field : new String[][] {{"name", request.name()}, {"server", request.server()},
                {"username", request.username()}, {"password", request.password()}}) {
            if (field[1] == null) {
                throw ApiProblem.missingField(field[0]);
            }
        }
        context.secrets().create(new RegistrySecret(request.name(), request.server(), request.username(), request.password()),
                request.replace());
        exchange.respond(201, new SecretInfo(request.name(), request.server(), request.username()));
    }
}
