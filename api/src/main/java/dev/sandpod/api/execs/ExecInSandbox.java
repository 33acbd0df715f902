package dev.sandpod.api.execs;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.NdjsonStream;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.ExecCommandRequest;
import dev.sandpod.client.model.ExecEvent;
import dev.sandpod.sandbox.ExecOutcome;
import dev.sandpod.sandbox.ExecRequest;
import dev.sandpod.sandbox.StartedExec;
import dev.sandpod.runtime.exec.ExecOutputListener;
import dev.sandpod.runtime.exec.ExecSpec;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code POST /v1/sandboxes/{name}/exec}: runs a command in a container of the sandbox. Answers 200 with the
 * result (whatever the command's exit code), or with {@code "stream": true} an NDJSON stream of
 * {@link ExecEvent}s. A client that goes away has its exec killed (see {@link WatchedAnswer} for the plain answer). Infrastructure failures are errors:
 * 404 (no such sandbox or container), 409 (not running, or ContainerRestarted), 422 (a field it can't use).
 */
public record ExecInSandbox(ApiContext context) implements Operation {
    /** The body carries stdin inline: room for 64 MiB of it in base64. */
    static final long MAX_BODY = 90L << 20;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

    @Override
    public void handle(Exchange exchange) throws Exception {
        ExecCommandRequest body = exchange.readJson(ExecCommandRequest.class, MAX_BODY);
        ExecRequest request = toRequest(exchange.pathParam("name"), body);
        boolean base64 = ExecResults.base64(body.encoding());
        Optional<InputStream> stdin = stdin(body);
        if (!Boolean.TRUE.equals(body.stream())) {
            new WatchedAnswer(exchange, KEEP_ALIVE).answer(context.sandboxes().startExec(request, stdin, ExecOutputListener.NONE),
                    started -> ExecResults.of(context.sandboxes().awaitExec(started), base64));
            return;
        }
        StreamedOutput output = new StreamedOutput();
        StartedExec started = context.sandboxes().startExec(request, stdin, output);
        NdjsonStream stream = exchange.stream();
        output.open(stream, ExecEvent.started(started.execId(), started.container(), started.instance()));
        Thread watcher = Thread.ofVirtual().name("exec-" + started.execId() + "-client").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(KEEP_ALIVE);
                    if (!stream.keepAlive()) {
                        started.kill(); // the client went away: nobody will read this exec's end
                        return;
                    }
                }
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            ExecOutcome outcome = context.sandboxes().awaitExec(started);
            stream.send(ExecEvent.exit(ExecResults.withoutOutput(outcome)));
        } finally {
            watcher.interrupt();
        }
    }

    static ExecRequest toRequest(String sandbox, ExecCommandRequest body) throws ApiProblem {
        if (body.argv() == null) {
            throw ApiProblem.missingField("argv");
        }
        if (body.stdin() != null && body.stdinBase64() != null) {
            throw ApiProblem.badRequest("InvalidField", "give stdin or stdinBase64, not both", null,
                    Map.of("field", "stdinBase64"));
        }
        if (Boolean.TRUE.equals(body.streamStdin())
                && (!Boolean.TRUE.equals(body.stream()) || body.stdin() != null || body.stdinBase64() != null)) {
            throw ApiProblem.badRequest("InvalidField", "streamStdin needs stream: true and no inline stdin", null,
                    Map.of("field", "streamStdin"));
        }
        Optional<Duration> timeout = Optional.empty();
        if (body.timeout() != null) {
            if (!(body.timeout() > 0) || body.timeout() > Duration.ofDays(365).toSeconds()) {
                throw ApiProblem.badRequest("InvalidField", "timeout must be a positive number of seconds", null,
                        Map.of("field", "timeout"));
            }
            timeout = Optional.of(Duration.ofNanos((long) (body.timeout() * 1e9)));
        }
        return new ExecRequest(sandbox, Optional.ofNullable(body.container()), body.argv(),
                Optional.ofNullable(body.user()), Optional.ofNullable(body.cwd()),
                body.env() == null ? Map.of() : body.env(), timeout,
                body.outputLimit() == null ? ExecSpec.DEFAULT_OUTPUT_LIMIT : body.outputLimit(),
                body.expectInstance() == null ? OptionalInt.empty() : OptionalInt.of(body.expectInstance()),
                Boolean.TRUE.equals(body.streamStdin()), terminal(body));
    }

    private static Optional<ExecSpec.Terminal> terminal(ExecCommandRequest body) throws ApiProblem {
        if (!Boolean.TRUE.equals(body.tty())) {
            if (body.ttyRows() != null || body.ttyCols() != null) {
                throw ApiProblem.badRequest("InvalidField", "ttyRows and ttyCols need tty: true", null,
                        Map.of("field", body.ttyRows() != null ? "ttyRows" : "ttyCols"));
            }
            return Optional.empty();
        }
        int rows = body.ttyRows() == null ? ExecSpec.Terminal.DEFAULT.rows() : body.ttyRows();
        int cols = body.ttyCols() == null ? ExecSpec.Terminal.DEFAULT.cols() : body.ttyCols();
        try {
            return Optional.of(new ExecSpec.Terminal(rows, cols));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("InvalidField", e.getMessage() + ": rows and columns are 1 to 10000", null,
                    Map.of("field", "ttyRows"));
        }
    }

    private static Optional<InputStream> stdin(ExecCommandRequest body) throws ApiProblem {
        if (body.stdin() != null) {
            return Optional.of(new ByteArrayInputStream(body.stdin().getBytes(StandardCharsets.UTF_8)));
        }
        if (body.stdinBase64() != null) {
            try {
                return Optional.of(new ByteArrayInputStream(Base64.getDecoder().decode(body.stdinBase64())));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("InvalidField", "stdinBase64 is not base64: " + e.getMessage(), null,
                        Map.of("field", "stdinBase64"));
            }
        }
        return Optional.empty();
    }
}
