package dev.sandpod.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** GET on a Bearer challenge's realm (Docker token auth spec): yields the token for one scope. */
record TokenFetcher(RegistryEndpoint registry, URI realm, Optional<String> service, String scope, String repository)
        implements RegistryEndpointProvider<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public URI target(RegistryEndpoint ignored) {
        URI withService = service.map(s -> Urls.withQuery(realm, "service", s)).orElse(realm);
        return Urls.withQuery(withService, "scope", scope);
    }

    @Override
    public String what() {
        return "token for " + scope;
    }

    @Override
    public String handle(RegistryResponse response) throws IOException, RegistryException {
        JsonNode json = JSON.readTree(response.readBody(MAX_BODY));
        String token = json.path("token").asText("");
        if (token.isEmpty()) {
            token = json.path("access_token").asText("");
        }
        if (token.isEmpty()) {
            throw new RegistryProtocolException(registry.host(), repository,
                    "token server " + realm.getRawAuthority() + " for registry " + registry.host() + " sent no token",
                    "the registry's token service is misconfigured");
        }
        return token;
    }
}
