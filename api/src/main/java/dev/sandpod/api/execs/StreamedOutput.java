package dev.sandpod.api.execs;

import dev.sandpod.api.http.NdjsonStream;
import dev.sandpod.client.model.ExecEvent;
import dev.sandpod.runtime.exec.ExecOutputListener;
import dev.sandpod.runtime.exec.ExecStream;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * An exec's output as NDJSON events. Output can come before the stream is open (the command starts first, so
 * a request it refuses still gets a plain error status): it waits here and goes out right after the
 * {@code started} event.
 */
final class StreamedOutput implements ExecOutputListener {
    private final List<ExecEvent> early = new ArrayList<>();
    private NdjsonStream stream;

    synchronized void open(NdjsonStream stream, ExecEvent first) {
        this.stream = stream;
        stream.send(first);
        early.forEach(stream::send);
        early.clear();
    }

    @Override
    public synchronized void output(ExecStream which, byte[] bytes, int offset, int length) {
        byte[] chunk = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
        ExecEvent event = ExecEvent.output(which.name().toLowerCase(Locale.ROOT), Base64.getEncoder().encodeToString(chunk));
        if (stream == null) {
            early.add(event);
        } else {
            stream.send(event);
        }
    }
}
