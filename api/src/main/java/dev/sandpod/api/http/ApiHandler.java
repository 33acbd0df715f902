package dev.sandpod.api.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;

/**
 * The Jetty side of the API: routes each request to its operation and turns whatever it throws into the
 * JSON error {@link ErrorMapper} chooses (or, once an NDJSON stream has started, into its last event). A
 * failure in the middle of any other answer (an archive) breaks the connection off, so the client sees an
 * unfinished body instead of a short one that looks whole.
 */
public final class ApiHandler extends Handler.Abstract {
    private final Router router;
    private final long jsonLimit;

    public ApiHandler(Router router, long jsonLimit) {
        this.router = router;
        this.jsonLimit = jsonLimit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long start = System.nanoTime();
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        Exchange exchange = new Exchange(request, response, jsonLimit);
        int status;
        Throwable brokenOff = null;
        try {
            Router.Match match = router.match(method, path);
            exchange.params(match.params());
            match.route().operation().handle(exchange);
            status = response.getStatus();
        } catch (Exception | Error failure) {
            if (exchange.committed() && exchange.openStream().isEmpty()) {
                brokenOff = failure;
            }
            status = answerFailure(exchange, response, failure, method + " " + path);
        }
        if (brokenOff != null) {
            callback.failed(brokenOff); // aborts the connection: no last chunk
        } else {
            try {
                exchange.finish();
                callback.succeeded();
            } catch (IOException | RuntimeException e) {
                callback.failed(e);
            }
        }
        DaemonLog.info(method + " " + path + " " + status + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return true;
    }

    private static int answerFailure(Exchange exchange, Response response, Throwable failure, String what) {
        ErrorMapper.Mapped mapped = ErrorMapper.map(exchange.bodyOverflow().<Throwable>map(p -> p).orElse(failure));
        if (mapped.status() >= 500) {
            DaemonLog.failure(what + " failed: " + mapped.error().code(), failure);
        }
        if (exchange.openStream().isPresent()) {
            exchange.openStream().get().send(exchange.streamFailure(mapped.error()));
            return response.getStatus();
        }
        if (exchange.committed()) {
            DaemonLog.info(what + ": failed after the answer started, broken off: " + failure);
            return response.getStatus();
        }
        try {
            if (failure instanceof ApiProblem problem) {
                problem.headers().forEach(exchange::header);
            }
            exchange.respond(mapped.status(), mapped.error());
        } catch (IOException e) {
            DaemonLog.info(what + ": the client went away before its error was sent: " + e.getMessage());
        }
        return mapped.status();
    }
}
