package dev.sandpod.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.api.DaemonAlreadyRunningException;
import dev.sandpod.api.DaemonLock;
import dev.sandpod.core.SandpodException;
import dev.sandpod.sandbox.SandboxService;
import dev.sandpod.sandbox.doctor.Doctor;
import dev.sandpod.sandbox.doctor.DoctorReport;
import dev.sandpod.sandbox.doctor.Failure;
import dev.sandpod.sandbox.doctor.Finding;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.StateDb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `sandpod doctor`: removes what crashed runs of this root left on the machine and no live sandbox owns, and says
 * what it removed. Runs in this process (not through the daemon): it holds the root's daemon lock meanwhile, so no
 * daemon makes anything while it decides what is a leftover, and first finishes or undoes the root's pending intents
 * as any start of the controller does. Exit 0 when nothing is left over (or all of it was removed), 1 otherwise.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Find and remove leftovers of crashed runs of this root (processes, mounts, cgroups, network, files).")
final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Only list what would be removed.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table or json (default: table).")
    OutputFormat output = OutputFormat.TABLE;

    @Override
    public Integer call() throws SandpodException {
        RootLayout layout = Cli.layout(spec);
        DoctorReport report = dryRun ? check(layout) : fixHoldingTheRoot(layout);
        print(layout, report);
        if (report.clean()) {
            return 0;
        }
        PrintWriter err = Cli.err(spec);
        if (dryRun) {
            err.println("hint: run `sandpod doctor` without --dry-run to remove these");
        } else {
            err.println("error: " + report.failed().size() + " leftover(s) could not be removed");
            err.println("hint: run doctor as root; a process still using a mount or cgroup keeps it busy (see above), "
                    + "end it and run `sandpod doctor` again");
        }
        err.flush();
        return ErrorReporter.FAILURE;
    }

    private static DoctorReport check(RootLayout layout) throws SandpodException {
        try (StateDb db = StateDb.open(layout)) {
            return Doctor.onThisHost(layout, db).check();
        } catch (SQLException e) {
            throw closeFailed(e);
        }
    }

    private static DoctorReport fixHoldingTheRoot(RootLayout layout) throws SandpodException {
        try (DaemonLock held = DaemonLock.acquire(layout)) {
            SandboxService.open(layout).close(); // finishes or undoes pending intents first
            try (StateDb db = StateDb.open(layout)) {
                return Doctor.onThisHost(layout, db).fix();
            } catch (SQLException e) {
                throw closeFailed(e);
            }
        } catch (DaemonAlreadyRunningException e) {
            throw new CommandFailedException("a daemon runs for " + layout.root() + "; doctor removes leftovers only "
                    + "while nothing else can make sandboxes in the root",
                    "stop it with `sandpod daemon stop` (containers keep running), then run `sandpod doctor` again", e);
        } catch (java.io.IOException e) {
            throw new CommandFailedException("can't release the daemon lock: " + e.getMessage(), "check " + layout.runtimeDir(), e);
        }
    }

    private static CommandFailedException closeFailed(SQLException e) {
        return new CommandFailedException("can't close state.db: " + e.getMessage(), "check the state root", e);
    }

    private void print(RootLayout layout, DoctorReport report) {
        PrintWriter out = Cli.out(spec);
        if (output == OutputFormat.JSON) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("root", layout.root().toString());
            node.put("dryRun", report.dryRun());
            node.put("clean", report.clean());
            findings(node.putArray("found"), report.found());
            findings(node.putArray("removed"), report.removed());
            ArrayNode failed = node.putArray("failed");
            for (Failure f : report.failed()) {
                finding(failed, f.finding()).put("error", f.error());
            }
            out.println(Json.pretty(node));
        } else if (report.found().isEmpty()) {
            out.println("clean: no leftovers of crashed runs in " + layout.root());
        } else if (report.dryRun()) {
            report.found().forEach(f -> out.println("would remove " + f));
        } else {
            report.removed().forEach(f -> out.println("removed " + f));
            report.failed().forEach(f -> out.println("could not remove " + f));
        }
        out.flush();
    }

    private static void findings(ArrayNode array, List<Finding> findings) {
        findings.forEach(f -> finding(array, f));
    }

    private static ObjectNode finding(ArrayNode array, Finding f) {
        return array.addObject().put("kind", f.kind().name().toLowerCase().replace('_', '-')).put("name", f.name());
    }
}
