package dev.sandpod.api.execs;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/execs/{id}/stdin}: the request body, streamed as it comes, is the standard input of an exec
 * started with {@code "streamStdin": true}; its end is the command's end of input. Answers once the body has
 * ended (or the command stopped reading).
 */
public record StreamExecStdin(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String id = exchange.pathParam("id");
        Optional<OutputStream> stdin = context.sandboxes().attachStdin(id);
        if (stdin.isEmpty()) {
            throw new ApiProblem(404, "ExecNotFound", "no running exec " + id + " waits for its stdin",
                    "start the exec with \"stream\": true and \"streamStdin\": true; its stdin can be sent once",
                    Map.of("id", id));
        }
        long copied = 0;
        boolean commandStoppedReading = false;
        try (OutputStream toCommand = stdin.get(); InputStream body = exchange.body(Long.MAX_VALUE)) {
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = body.read(chunk)) >= 0) {
                try {
                    toCommand.write(chunk, 0, n);
                } catch (IOException exited) {
                    commandStoppedReading = true; // it exited or closed its stdin, as `head` does: not an error
                    break;
                }
                copied += n;
            }
        }
        exchange.respond(200, Map.of("bytes", copied, "commandStoppedReading", commandStoppedReading));
    }
}
