package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.DebugContainerRequest;
import dev.sandpod.client.model.DebugContainerResult;
import dev.sandpod.sandbox.DebugRequest;
import dev.sandpod.sandbox.DebugResult;

/**
 * {@code POST /v1/sandboxes/{name}/debug}: starts an ephemeral debug container in the running sandbox's pod (its
 * network, the target's PID namespace, its own limits) and answers 201 once it has started.
 */
public record DebugSandbox(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        DebugContainerRequest body = exchange.readJson(DebugContainerRequest.class);
        DebugResult result = context.sandboxes().debug(toDebugRequest(exchange.pathParam("name"), body));
        exchange.respond(201, new DebugContainerResult(result.sandbox(), result.id(), result.name(), result.target()));
    }

    static DebugRequest toDebugRequest(String sandbox, DebugContainerRequest body) {
        DebugRequest.Builder debug = DebugRequest.builder(sandbox);
        if (body.args() != null) {
            debug.args(body.args());
        }
        if (body.user() != null) {
            debug.user(body.user());
        }
        if (body.name() != null) {
            debug.name(body.name());
        }
        if (body.image() != null) {
            debug.image(body.image());
        }
        if (body.memory() != null) {
            debug.memory(body.memory());
        }
        if (body.cpus() != null) {
            debug.cpus(body.cpus());
        }
        if (body.pids() != null) {
            debug.pids(body.pids());
        }
        if (body.target() != null) {
            debug.target(body.target());
        }
        return debug.build();
    }
}
