package dev.sandpod.api.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the operation for a request. Routes are tried in order, so literal paths ({@code /v1/images/pull})
 * go before templates that could also take them ({@code /v1/images/{ref...}}). A path that no route has
 * is 404 {@code RouteNotFound}; a known path with another method is 405 {@code MethodNotAllowed}.
 */
public record Router(List<Route> routes) {
    public Router {
        routes = List.copyOf(routes);
    }

    public record Match(Route route, Map<String, String> params) {
    }

    public Match match(String method, String path) throws ApiProblem {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, params.get());
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw ApiProblem.methodNotAllowed(method, path, List.copyOf(allowed));
        }
        throw new ApiProblem(404, "RouteNotFound", "no API route " + method + " " + path,
                "GET /v1/openapi.json lists the routes", Map.of("path", path));
    }
}
