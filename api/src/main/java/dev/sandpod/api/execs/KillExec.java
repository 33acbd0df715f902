package dev.sandpod.api.execs;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.util.Map;

/** {@code POST /v1/execs/{id}/kill}: kills a running exec's whole process tree; its caller gets exit code 137. */
public record KillExec(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String id = exchange.pathParam("id");
        if (!context.sandboxes().killExec(id)) {
            throw new ApiProblem(404, "ExecNotFound", "no exec " + id + " is running",
                    "exec ids come from the exec's started event or result; a finished exec can't be killed",
                    Map.of("id", id));
        }
        exchange.respond(200, Map.of("killed", id));
    }
}
