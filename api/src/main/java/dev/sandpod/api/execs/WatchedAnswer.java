package dev.sandpod.api.execs;

import dev.sandpod.api.http.ApiJson;
import dev.sandpod.api.http.ErrorMapper;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.client.model.ApiError;
import dev.sandpod.sandbox.SandboxException;
import dev.sandpod.sandbox.StartedExec;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one-JSON answer of an exec that may run long. A client that goes away must have its exec killed, and a
 * quiet HTTP/1.1 connection only shows that when written to: once the exec has run for a while, the answer is
 * committed (200, JSON) and a space is written each second; the result follows them. An error of the container
 * after that point (it restarted meanwhile) is the body instead, with its status in {@code details.status}.
 */
final class WatchedAnswer {
    /** The exec's end, as the answer's body. */
    @FunctionalInterface
    interface Await {
        Object await(StartedExec started) throws SandboxException;
    }

    private final Exchange exchange;
    private final Duration interval;
    private OutputStream body;
    private boolean clientGone;

    WatchedAnswer(Exchange exchange, Duration interval) {
        this.exchange = exchange;
        this.interval = interval;
    }

    void answer(StartedExec started, Await await) throws Exception {
        Thread watcher = Thread.ofVirtual().name("exec-" + started.execId() + "-client").start(() -> watch(started));
        Object result;
        try {
            result = await.await(started);
        } catch (SandboxException e) {
            if (!committed()) {
                throw e;
            }
            ErrorMapper.Mapped mapped = ErrorMapper.map(e);
            Map<String, Object> details = new HashMap<>(mapped.error().details());
            details.put("status", mapped.status());
            result = new ApiError(mapped.error().code(), mapped.error().message(), mapped.error().hint(), details);
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        if (committed()) {
            synchronized (this) {
                if (!clientGone) {
                    body.write(ApiJson.write(result));
                }
            }
        } else {
            exchange.respond(200, result);
        }
    }

    private synchronized boolean committed() {
        return body != null;
    }

    private void watch(StartedExec started) {
        try {
            while (true) {
                Thread.sleep(interval);
                synchronized (this) {
                    if (body == null) {
                        body = exchange.jsonLater();
                    }
                    try {
                        body.write(' ');
                        body.flush();
                    } catch (IOException gone) {
                        clientGone = true;
                        started.kill(); // nobody will read this exec's end
                        return;
                    }
                }
            }
        } catch (InterruptedException done) {
            Thread.currentThread().interrupt();
        }
    }
}
