package dev.sandpod.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;

@Command(name = "sandpod", mixinStandardHelpOptions = true, version = "sandpod 0.1.0",
        description = "Throw-away multi-service sandboxes for agent evals and SRE benchmarks.",
        subcommands = {RunCommand.class, ExecCommand.class, PsCommand.class, DescribeCommand.class, LogsCommand.class, StopCommand.class,
                RmCommand.class, CpCommand.class, UpdateCommand.class, DebugCommand.class, EventsCommand.class, ImageCommand.class, SecretCommand.class, DaemonCommand.class,
                DoctorCommand.class, DemoCommand.class, BenchCommand.class})
public final class SandpodCommand {
    /** How commands reach the root's daemon; not an option: the composition root ({@link Main}) picks it. */
    private final DaemonConnector daemons;

    SandpodCommand(DaemonConnector daemons) {
        this.daemons = daemons;
    }

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "State root (default: /var/lib/sandpod, or $SANDPOD_ROOT).")
    Path root;

    DaemonConnector daemons() {
        return daemons;
    }

    Path root() {
        if (root != null) {
            return root;
        }
        String env = System.getenv("SANDPOD_ROOT");
        return env != null && !env.isBlank() ? Path.of(env) : dev.sandpod.state.RootLayout.DEFAULT_ROOT;
    }
}
