package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.ContainerStatus;
import dev.sandpod.runtime.Containers;
import dev.sandpod.runtime.exec.ExecOutputListener;
import dev.sandpod.runtime.exec.ExecResult;
import dev.sandpod.runtime.exec.ExecSpec;
import dev.sandpod.runtime.exec.RunningExec;
import dev.sandpod.runtime.exec.StartFailures;
import dev.sandpod.runtime.files.ContainerFiles;
import dev.sandpod.runtime.files.FilesException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exec into a sandbox's container: checks the request whole before anything runs, refuses a container that is
 * not running or has restarted since the caller saw it, resolves {@code -u} against the container's own passwd
 * now, and keeps the running execs so one can be killed by id. The command's own failures (non-zero exit, 126,
 * 127, 124) are results; the container's (gone, restarted meanwhile) are typed errors.
 */
final class SandboxExec {
    /** An exec that has started: what streaming callers hold while it runs. */
    record Started(String execId, SandboxRow sandbox, ContainerRow container, int instance, RunningExec exec) {
    }

    private final SandboxStore store;
    private final Containers containers;
    private final LiveState live;
    private final Map<String, RunningExec> running = new ConcurrentHashMap<>();
    /** The write ends of the stdin of execs whose callers stream it in; taken once, by {@link #attachStdin}. */
    private final Map<String, Pipe.SinkChannel> stdins = new ConcurrentHashMap<>();

    SandboxExec(SandboxStore store, Containers containers, LiveState live) {
        this.store = store;
        this.containers = containers;
        this.live = live;
    }

    Started start(ExecRequest request, Optional<InputStream> stdin, ExecOutputListener listener) throws SandboxException {
        check(request);
        SandboxRow sandbox = store.get(request.sandbox());
        List<ContainerRow> rows = store.containers(sandbox.id());
        ContainerRow row = request.container().isPresent()
                ? SandboxDebug.find(sandbox, rows, request.container().get()) : SandboxDebug.main(sandbox, rows);
        if (request.expectInstance().isPresent() && request.expectInstance().getAsInt() != row.instance()) {
            throw new ContainerRestartedException(sandbox.name(), row.name(), request.expectInstance().getAsInt(), row.instance());
        }
        if (request.terminal().isPresent() && row.spec().runtimeClass() == dev.sandpod.runtime.RuntimeClass.RUNSC) {
            throw new InvalidRequestException("tty", "container " + row.name() + " runs under runsc, and exec with a "
                    + "terminal is not supported there yet", "leave out -t (tty) for this container");
        }
        ContainerState state = live.of(sandbox.name(), row.id())
                .orElseThrow(() -> new ContainerNotRunningException(sandbox.name(), row.name(), "not created"));
        if (state.status() != ContainerStatus.RUNNING || state.pid() <= 0) {
            throw new ContainerNotRunningException(sandbox.name(), row.name(), describe(state));
        }
        List<String> env = new ArrayList<>();
        request.env().forEach((k, v) -> env.add(k + "=" + v));
        Optional<ContainerSpec.User> user = Optional.empty();
        if (request.user().isPresent()) {
            ImageUsers users = users(sandbox, row);
            try {
                user = Optional.of(users.resolve(request.user().get()));
            } catch (ImageUsers.UnknownUserException e) {
                throw new InvalidRequestException("user", e.getMessage() + " of container " + row.name(),
                        "the user must be in the container's /etc/passwd (or give a numeric uid[:gid])");
            }
            if (!request.env().containsKey("HOME")) {
                env.add("HOME=" + users.home(request.user().get()).orElse("/"));
            }
        }
        ExecSpec spec = new ExecSpec(request.argv(), env, request.cwd(), user, request.timeout(), request.outputLimit(),
                request.terminal());
        Optional<Pipe> pipe = request.streamStdin() ? Optional.of(openPipe(sandbox)) : Optional.empty();
        if (pipe.isPresent()) {
            stdin = Optional.of(Channels.newInputStream(pipe.get().source()));
        }
        RunningExec exec;
        try {
            exec = containers.exec(row.id(), spec, stdin, listener);
        } catch (ContainerException e) {
            pipe.ifPresent(SandboxExec::closeQuietly);
            throw new SandboxSetupException(sandbox.name(), "exec in container " + row.name(), e);
        }
        running.put(exec.id(), exec);
        pipe.ifPresent(p -> stdins.put(exec.id(), p.sink()));
        return new Started(exec.id(), sandbox, row, row.instance(), exec);
    }

    /** Waits for the end; a container that went away or restarted meanwhile is the container's failure. */
    ExecOutcome await(Started started) throws SandboxException {
        ExecResult result;
        try {
            result = started.exec().await();
        } catch (InterruptedException e) {
            started.exec().kill();
            Thread.currentThread().interrupt();
            throw new SandboxStateException("interrupted while exec " + started.execId() + " ran; it was killed", null, e);
        } finally {
            running.remove(started.execId());
            Pipe.SinkChannel sink = stdins.remove(started.execId());
            if (sink != null) {
                closeQuietly(sink);
            }
        }
        String name = started.sandbox().name();
        if (result.startFailure().isPresent() && StartFailures.containerGone(result.startFailure().get())) {
            throw new ContainerNotRunningException(name, started.container().name(), result.startFailure().get());
        }
        Optional<ContainerRow> now = store.container(started.container().id());
        if (now.isPresent() && now.get().instance() != started.instance()) {
            throw new ContainerRestartedException(name, started.container().name(), started.instance(), now.get().instance());
        }
        return new ExecOutcome(started.execId(), started.container().name(), started.instance(), result);
    }

    /**
     * The stdin of a running exec that was started to have it streamed in: the caller writes, and closing it is the
     * command's end of input. Empty when no such exec waits for it (or another caller took it already).
     */
    Optional<OutputStream> attachStdin(String execId) {
        Pipe.SinkChannel sink = stdins.remove(execId);
        return Optional.ofNullable(sink).map(Channels::newOutputStream);
    }

    private static Pipe openPipe(SandboxRow sandbox) throws SandboxException {
        try {
            return Pipe.open();
        } catch (IOException e) {
            throw new SandboxSetupException(sandbox.name(), "a pipe for the exec's stdin", e);
        }
    }

    private static void closeQuietly(Pipe pipe) {
        closeQuietly(pipe.sink());
        closeQuietly(pipe.source());
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a pipe end loses nothing
        }
    }

    /** Kills a running exec's whole process tree; false when no exec of that id runs. */
    boolean kill(String execId) {
        RunningExec exec = running.get(execId);
        if (exec == null) {
            return false;
        }
        exec.kill();
        return true;
    }

    /** The container's users now, read through its confined root as the file API reads it. */
    private ImageUsers users(SandboxRow sandbox, ContainerRow row) throws SandboxException {
        String where = "container " + row.name() + " of sandbox " + sandbox.name();
        try (ContainerFiles files = containers.files(sandbox.id(), row.id(), row.spec().runtimeClass(), where)) {
            return FileOwners.users(files);
        } catch (FilesException | IOException e) {
            throw new SandboxSetupException(sandbox.name(), "reading /etc/passwd of " + where, e);
        }
    }

    private static String describe(ContainerState state) {
        String status = state.status().name().toLowerCase(Locale.ROOT);
        return state.exitCode().isPresent() ? status + ", exit code " + state.exitCode().getAsInt() : status;
    }

    private static void check(ExecRequest r) throws InvalidRequestException {
        if (r.argv().isEmpty() || r.argv().getFirst().isEmpty()) {
            throw new InvalidRequestException("argv", "no command given", "give the command and its arguments: [\"ls\", \"-l\"]");
        }
        if (r.argv().stream().anyMatch(a -> a.indexOf('\0') >= 0)) {
            throw new InvalidRequestException("argv", "an argument holds a NUL byte", "arguments are C strings: drop the NUL");
        }
        for (Map.Entry<String, String> e : r.env().entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().contains("=") || e.getKey().indexOf('\0') >= 0
                    || e.getValue().indexOf('\0') >= 0) {
                throw new InvalidRequestException("env", "'" + e.getKey() + "' is not a valid variable name",
                        "names are non-empty and hold no '=' or NUL");
            }
        }
        if (r.cwd().isPresent() && !r.cwd().get().startsWith("/")) {
            throw new InvalidRequestException("cwd", "'" + r.cwd().get() + "' is not an absolute path",
                    "give the working directory as an absolute path in the container: /srv/app");
        }
        if (r.user().isPresent()) {
            ImageUsers.checkSyntax(r.user().get());
        }
        if (r.timeout().isPresent() && (r.timeout().get().isNegative() || r.timeout().get().isZero())) {
            throw new InvalidRequestException("timeout", "the timeout must be positive", "give it in seconds, or leave it out for none");
        }
        if (r.outputLimit() < 0 || r.outputLimit() > ExecSpec.MAX_OUTPUT_LIMIT) {
            throw new InvalidRequestException("outputLimit", r.outputLimit() + " is out of range",
                    "give 0 to " + ExecSpec.MAX_OUTPUT_LIMIT + " bytes per stream (default " + ExecSpec.DEFAULT_OUTPUT_LIMIT + ")");
        }
    }
}
