package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.EventList;
import dev.sandpod.sandbox.Event;
import dev.sandpod.sandbox.SandboxDescription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/events?sandbox=NAME&since=T}: events oldest first, of one sandbox name
 * (a run that failed keeps its events under the name it asked for), or of every sandbox there is. */
public record ListEvents(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        Optional<Instant> since = QueryParams.since(exchange, Instant.now());
        Optional<String> sandbox = exchange.query("sandbox");
        List<Event> events = new ArrayList<>();
        if (sandbox.isPresent()) {
            events.addAll(context.sandboxes().events(sandbox.get()));
        } else {
            for (SandboxDescription s : context.sandboxes().list()) {
                events.addAll(context.sandboxes().events(s.name()));
            }
        }
        exchange.respond(200, new EventList(events.stream()
                .filter(e -> since.isEmpty() || !e.at().isBefore(since.get()))
                .sorted(Comparator.comparing(Event::at))
                .map(SandboxJson::event).toList()));
    }
}
