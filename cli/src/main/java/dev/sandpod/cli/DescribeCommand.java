package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.model.ContainerInfo;
import dev.sandpod.client.model.EventInfo;
import dev.sandpod.client.model.SandboxDetails;
import dev.sandpod.state.ByteSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `sandpod describe NAME`, read like `kubectl describe pod`: identity, network, containers' state, then events. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a sandbox: image, state with reason, exit code, restarts, IP, limits and recent events.")
final class DescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The sandbox's name or id.")
    String name;

    @Override
    public Integer call() throws ApiException, SandpodException {
        SandboxDetails s = Cli.client(spec).describeSandbox(name);
        PrintWriter out = Cli.out(spec);
        Instant now = Instant.now();
        field(out, 0, "Name", s.name());
        field(out, 0, "ID", s.id());
        field(out, 0, "Created", s.created() + " (" + Ages.since(Instant.parse(s.created()), now) + " ago)");
        field(out, 0, "Desired", s.desired());
        field(out, 0, "IP", orNone(s.ip()));
        field(out, 0, "Subnet", orNone(s.subnet()));
        out.println("Containers:");
        for (ContainerInfo c : s.containers()) {
            container(out, c);
        }
        events(out, s.events(), now);
        out.flush();
        return 0;
    }

    private static void container(PrintWriter out, ContainerInfo c) {
        out.println("  " + c.name() + ":");
        field(out, 4, "Container ID", c.id());
        if (!"main".equals(c.kind())) {
            field(out, 4, "Kind", c.kind());
        }
        field(out, 4, "Image", c.image());
        field(out, 4, "Image ID", c.imageDigest());
        if (c.runtime() != null) {
            field(out, 4, "Runtime", c.runtime());
        }
        field(out, 4, "State", c.stateWithReason());
        if (c.startedAt() != null) {
            field(out, 6, "Started", c.startedAt());
        }
        if (c.state().equals("Terminated") || c.state().equals("Waiting") && c.exitCode() != null) {
            field(out, 6, "Exit Code", c.exitCode() == null ? "<unknown>" : c.exitCode().toString());
            if (c.finishedAt() != null) {
                field(out, 6, "Finished", c.finishedAt());
            }
        }
        if (c.nextRestartAt() != null) {
            field(out, 6, "Next Restart", c.nextRestartAt());
        }
        if (c.lastReason() != null) {
            field(out, 4, "Last State", "Terminated: " + c.lastReason());
        }
        field(out, 4, "Restart Count", String.valueOf(c.restartCount()));
        field(out, 4, "Restart Policy", c.restartPolicy());
        out.println("    Limits:");
        field(out, 6, "memory", c.memoryBytes() == null ? "none" : ByteSizes.format(c.memoryBytes()));
        field(out, 6, "cpu", c.cpuMillis() == null ? "none" : BigDecimal.valueOf(c.cpuMillis(), 3).stripTrailingZeros().toPlainString());
        field(out, 6, "pids", c.pids() == null ? "none" : c.pids().toString());
    }

    private static void events(PrintWriter out, List<EventInfo> events, Instant now) {
        if (events.isEmpty()) {
            out.println("Events:  <none>");
            return;
        }
        out.println("Events:");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"  REASON", "AGE", "OBJECT", "MESSAGE"});
        for (EventInfo e : events) {
            rows.add(new String[]{"  " + e.reason(), Ages.since(Instant.parse(e.at()), now), e.object(), e.message()});
        }
        Table.print(out, rows);
    }

    private static void field(PrintWriter out, int indent, String label, String value) {
        String key = " ".repeat(indent) + label + ":";
        out.println(key + " ".repeat(Math.max(1, 20 - key.length())) + value);
    }

    private static String orNone(String value) {
        return value == null ? "<none>" : value;
    }
}
