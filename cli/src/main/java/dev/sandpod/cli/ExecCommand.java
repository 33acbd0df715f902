package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.ExecCommandRequest;
import dev.sandpod.client.model.ExecCommandResult;
import dev.sandpod.client.model.ExecEvent;
import dev.sandpod.state.ByteSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * `sandpod exec`: a command in a sandbox's container, its output streamed as it comes (or, with --output-limit,
 * its head and tail), its exit code the CLI's own: 124 for a timeout, 126/127 when it can't start.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
        description = "Run a command in a sandbox's container; exits with the command's exit code.")
final class ExecCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "name, uid, uid:gid or name:group, from the container's /etc/passwd and /etc/group.")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory in the container (absolute).")
    String workdir;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "An environment variable, on top of the container's (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = {"-i", "--interactive"}, description = "Pass this command's standard input to the command.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a terminal (stdout and stderr both come through it); with -i on a terminal, keys go to it as typed.")
    boolean tty;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Kill the command's whole process tree after this long (500ms, 30s, 5m, 1h; a bare number is seconds); exit code 124.")
    String timeout;

    @Option(names = "--output-limit", paramLabel = "SIZE", description = "Keep only the first and last SIZE/2 of each stream (like 1Mi), printed once the command ends.")
    String outputLimit;

    @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER", description = "A container of the sandbox by name (default: the main one).")
    String container;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The sandbox (NAME), or one of its containers (NAME/CONTAINER).")
    String target;

    @Parameters(index = "1..*", paramLabel = "ARGV", description = "The command and its arguments (after --).")
    List<String> argv = new ArrayList<>();

    @Override
    public Integer call() throws ApiException, IOException, dev.sandpod.core.SandpodException {
        if (!argv.isEmpty() && argv.getFirst().equals("--")) {
            argv = argv.subList(1, argv.size()); // options stop at TARGET; "--" is only the usual separator
        }
        if (argv.isEmpty()) {
            throw new UsageException("no command given: sandpod exec TARGET -- COMMAND [ARGS...]");
        }
        String sandbox = target;
        String inContainer = container;
        int slash = target.indexOf('/');
        if (slash >= 0) {
            if (container != null) {
                throw new UsageException("give the container once: as NAME/CONTAINER or with --container, not both");
            }
            sandbox = target.substring(0, slash);
            inContainer = target.substring(slash + 1);
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (String e : env) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("-e takes KEY=VALUE, not '" + e + "'");
            }
            vars.put(e.substring(0, eq), e.substring(eq + 1));
        }
        Double seconds = timeout == null ? null : Durations.seconds("--timeout", timeout);
        Long limit = null;
        if (outputLimit != null) {
            try {
                limit = ByteSizes.parse(outputLimit);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--output-limit: " + e.getMessage());
            }
        }
        // with --output-limit the answer comes whole at the end, so stdin goes inline; streamed otherwise
        String inline = interactive && limit != null ? Base64.getEncoder().encodeToString(System.in.readAllBytes()) : null;
        ExecCommandRequest request = new ExecCommandRequest(argv, inContainer, user, workdir, vars, null, inline, seconds,
                limit, null, "base64", null, null, null, null, null);
        if (tty) {
            int[] size = LocalTerminal.size().orElse(new int[]{24, 80});
            request = request.withTty(size[0], size[1]);
        }
        SandpodClient client = Cli.client(spec);
        OutputStream out = Cli.rawOut(spec);
        OutputStream err = Cli.rawErr(spec);
        ExecCommandResult result;
        try (LocalTerminal terminal = tty && interactive ? LocalTerminal.raw() : null) {
            result = limit != null ? printed(client.exec(sandbox, request), out, err)
                    : streamed(client, sandbox, request, out, err);
        }
        report(result, seconds);
        return result.exitCode();
    }

    private ExecCommandResult streamed(SandpodClient client, String sandbox, ExecCommandRequest request,
                                       OutputStream out, OutputStream err) throws ApiException {
        AtomicReference<String> execId = new AtomicReference<>();
        // Ctrl-C ends the command in the container too, not only this client
        Thread killer = new Thread(() -> {
            String id = execId.get();
            if (id != null) {
                try {
                    client.killExec(id);
                } catch (ApiException e) {
                    // it had ended already
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            Optional<InputStream> stdin = interactive ? Optional.of(System.in) : Optional.empty();
            ExecCommandResult result = client.execStreaming(sandbox, request, stdin, event -> write(event, execId, out, err));
            execId.set(null);
            return result;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it kills the exec
            }
        }
    }

    private static void write(ExecEvent event, AtomicReference<String> execId, OutputStream out, OutputStream err) {
        try {
            switch (event.type()) {
                case "started" -> execId.set(event.execId());
                case "stdout" -> {
                    out.write(Base64.getDecoder().decode(event.data()));
                    out.flush();
                }
                case "stderr" -> {
                    err.write(Base64.getDecoder().decode(event.data()));
                    err.flush();
                }
                default -> {
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExecCommandResult printed(ExecCommandResult result, OutputStream out, OutputStream err) throws IOException {
        out.write(Base64.getDecoder().decode(result.stdout()));
        out.flush();
        err.write(Base64.getDecoder().decode(result.stderr()));
        err.flush();
        return result;
    }

    private void report(ExecCommandResult result, Double seconds) {
        var err = Cli.err(spec);
        if (result.timedOut()) {
            err.println("sandpod: the command timed out after " + Durations.format(seconds)
                    + "; its whole process tree was killed (exit code 124)");
        }
        if (result.stdoutDroppedBytes() > 0 || result.stderrDroppedBytes() > 0) {
            err.println("sandpod: the output went past --output-limit " + outputLimit + ": "
                    + ByteSizes.format(result.stdoutDroppedBytes()) + " of stdout and "
                    + ByteSizes.format(result.stderrDroppedBytes()) + " of stderr were cut from the middle");
        }
        err.flush();
    }
}
