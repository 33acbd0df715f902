package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.model.EventInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** `sandpod events [NAME]`: state changes with reasons, oldest first. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "List events (of one sandbox name, or all), oldest first.")
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--since", paramLabel = "TIME", description = "Only since an ISO-8601 time or an age like 10m.")
    String since;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this sandbox's events (a failed run's too).")
    String name;

    @Override
    public Integer call() throws ApiException, SandpodException {
        List<EventInfo> events = Cli.client(spec).events(Optional.ofNullable(name), Optional.ofNullable(since));
        Instant now = Instant.now();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"AGE", "REASON", "OBJECT", "MESSAGE"});
        for (EventInfo e : events) {
            rows.add(new String[]{Ages.since(Instant.parse(e.at()), now), e.reason(), e.object(), e.message()});
        }
        Table.print(Cli.out(spec), rows);
        return 0;
    }
}
