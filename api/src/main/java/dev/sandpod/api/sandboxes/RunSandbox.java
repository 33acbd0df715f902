package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.client.model.RunSandboxResult;
import dev.sandpod.sandbox.RunRequest;
import dev.sandpod.sandbox.RunResult;

import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/sandboxes}: makes a sandbox (pulling its image if it is not stored) and answers 201 once its
 * main container has started; on failure nothing of it is left.
 */
public record RunSandbox(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        RunSandboxRequest body = exchange.readJson(RunSandboxRequest.class);
        if (body.image() == null || body.image().isBlank()) {
            throw ApiProblem.missingField("image");
        }
        RunResult result = context.sandboxes().run(toRunRequest(body));
        exchange.respond(201, new RunSandboxResult(result.id(), result.name(), result.ip()));
    }

    static RunRequest toRunRequest(RunSandboxRequest body) {
        RunRequest.Builder run = RunRequest.builder(body.image())
                .args(orEmpty(body.args()))
                .env(orEmpty(body.env()))
                .capabilities(Set.copyOf(orEmpty(body.capAdd())), Set.copyOf(orEmpty(body.capDrop())))
                .readOnly(Boolean.TRUE.equals(body.readOnly()))
                .volumes(orEmpty(body.volumes()));
        if (body.name() != null) {
            run.name(body.name());
        }
        if (body.user() != null) {
            run.user(body.user());
        }
        if (body.workdir() != null) {
            run.workdir(body.workdir());
        }
        if (body.restart() != null) {
            run.restart(body.restart());
        }
        if (body.memory() != null) {
            run.memory(body.memory());
        }
        if (body.cpus() != null) {
            run.cpus(body.cpus());
        }
        if (body.pids() != null) {
            run.pids(body.pids());
        }
        if (body.runtime() != null) {
            run.runtime(body.runtime());
        }
        if (body.secret() != null) {
            run.secret(body.secret());
        }
        return run.build();
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
