package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.LimitsInfo;
import dev.sandpod.client.model.UpdateLimitsRequest;
import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.sandbox.LimitsUpdate;

/**
 * {@code POST /v1/sandboxes/{name}/update}: changes the main container's limits, in its cgroup now if it runs and
 * for its restarts; answers with the limits in force.
 */
public record UpdateSandbox(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String name = exchange.pathParam("name");
        UpdateLimitsRequest body = exchange.readJson(UpdateLimitsRequest.class);
        LimitsUpdate update = LimitsUpdate.NONE;
        if (body.memory() != null) {
            update = update.memory(body.memory());
        }
        if (body.cpus() != null) {
            update = update.cpus(body.cpus());
        }
        if (body.pids() != null) {
            update = update.pids(body.pids());
        }
        ContainerSpec.Limits limits = context.sandboxes().update(name, update);
        exchange.respond(200, new LimitsInfo(name,
                limits.memoryBytes().isPresent() ? limits.memoryBytes().getAsLong() : null,
                limits.cpuMillis().isPresent() ? limits.cpuMillis().getAsLong() : null,
                limits.pids().isPresent() ? limits.pids().getAsLong() : null));
    }
}
