package dev.sandpod.runtime;

import dev.sandpod.core.sys.LinuxSyscalls;
import dev.sandpod.core.sys.Syscalls;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.runtime.exec.ExecOutputListener;
import dev.sandpod.runtime.exec.ExecProcessSpec;
import dev.sandpod.runtime.exec.ExecShim;
import dev.sandpod.runtime.exec.ExecSpec;
import dev.sandpod.runtime.exec.RunningExec;
import dev.sandpod.runtime.exec.StartFailures;
import dev.sandpod.state.RootLayout;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * runc under one detached conmon per container. runc keeps its state under the root's own {@code --root}
 * ({@link RootLayout#runtimeDir()}{@code /runc}); conmon outlives the JVM, so a later process re-attaches by id
 * alone: {@link #state} asks {@code runc state} and reads conmon's exit file, nothing is held in memory.
 */
public final class RuncConmonRuntime implements OciRuntime {
    public static final Path DEFAULT_RUNC = Path.of("/usr/sbin/runc");
    public static final Path DEFAULT_CONMON = Path.of("/usr/bin/conmon");
    public static final Path DEFAULT_RUNSC = RuntimeClass.RUNSC.binary();
    public static final Path NSENTER = Path.of("/usr/bin/nsenter");
    /** The file in a container's runtime files naming its {@link RuntimeClass}; absent: runc. */
    private static final String RUNTIME_FILE = "runtime";
    /**
     * The file naming the netns a runsc container's conmon was started in: every later runsc call joins it too,
     * since runsc reaches its sandbox through an abstract unix socket, and those are per network namespace.
     */
    private static final String NETNS_FILE = "netns";
    private static final Duration RUNC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_FILE_WAIT = Duration.ofSeconds(5);

    private final RootLayout layout;
    private final Cgroups cgroups;
    private final CommandRunner runner;
    private final Path runc;
    private final Path conmon;
    private final Path runsc;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final Syscalls syscalls = new LinuxSyscalls();

    public RuncConmonRuntime(RootLayout layout, Cgroups cgroups, CommandRunner runner, Path runc, Path conmon) {
        this.layout = layout;
        this.cgroups = cgroups;
        this.runner = runner;
        this.runc = runc;
        this.conmon = conmon;
        this.runsc = DEFAULT_RUNSC;
    }

    public RuncConmonRuntime(RootLayout layout, Cgroups cgroups, CommandRunner runner, Path runc, Path runsc,
                             Path conmon) {
        this.layout = layout;
        this.cgroups = cgroups;
        this.runner = runner;
        this.runc = runc;
        this.conmon = conmon;
        this.runsc = runsc;
    }

    public static RuncConmonRuntime open(RootLayout layout, Cgroups cgroups) {
        return new RuncConmonRuntime(layout, cgroups, new ProcessCommandRunner(), DEFAULT_RUNC, DEFAULT_RUNSC,
                DEFAULT_CONMON);
    }

    private Path binary(RuntimeClass kind) {
        return kind == RuntimeClass.RUNSC ? runsc : runc;
    }

    private void checkInstalled(RuntimeClass kind) throws RuntimeMissingException {
        Path binary = binary(kind);
        if (!Files.isExecutable(binary)) {
            throw new RuntimeMissingException(kind.id(), binary);
        }
        if (!Files.isExecutable(conmon)) {
            throw new RuntimeMissingException("conmon", conmon);
        }
    }

    /** The runtime's own state root: {@code <runtimeDir>/runc} or {@code <runtimeDir>/runsc}. */
    private Path stateRoot(RuntimeClass kind) {
        return kind == RuntimeClass.RUNSC ? runscRoot(layout) : ContainerPaths.runcRoot(layout);
    }

    public static Path runscRoot(RootLayout layout) {
        return layout.runtimeDir().resolve("runsc");
    }

    /**
     * The global flags of every call of the runtime. runsc: the ptrace platform (kvm hangs on this kernel, systrap
     * is unknown to Debian's 2022 runsc) and host networking, which is the pod's netns since conmon starts in it.
     */
    private List<String> globalArgs(RuntimeClass kind) {
        List<String> args = new ArrayList<>(List.of("--root=" + stateRoot(kind)));
        if (kind == RuntimeClass.RUNSC) {
            args.addAll(List.of("--platform=ptrace", "--network=host"));
        }
        return args;
    }

    /** The netns a runsc container was started in, while it still exists. */
    private Optional<String> netnsOf(String id) {
        try {
            String ns = Files.readString(filesDir(id).resolve(NETNS_FILE)).strip();
            return ns.isEmpty() || !Files.exists(Path.of(ns)) ? Optional.empty() : Optional.of(ns);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The runtime a container was created with (from its runtime files); runc if it has none. */
    private RuntimeClass runtimeOf(String id) {
        try {
            return RuntimeClass.parse(Files.readString(filesDir(id).resolve(RUNTIME_FILE)).strip());
        } catch (IOException | RuntimeMissingException e) {
            return RuntimeClass.RUNC;
        }
    }

    private Path exitFile(String id) {
        return ContainerPaths.exitDir(layout).resolve(id);
    }

    private Path filesDir(String id) {
        return ContainerPaths.runtimeFilesDir(layout, id);
    }

    @Override
    public void create(ContainerPaths paths) throws ContainerException {
        String id = paths.containerId();
        RuntimeClass kind;
        Optional<String> netns;
        try {
            var annotations = OciSpec.read(paths.dir()).json().path("annotations");
            String name = annotations.path(OciSpecBuilder.ANNOTATION_RUNTIME).asText("");
            kind = name.isEmpty() ? RuntimeClass.RUNC : RuntimeClass.parse(name);
            String ns = annotations.path(OciSpecBuilder.ANNOTATION_NETNS).asText("");
            netns = ns.isEmpty() ? Optional.empty() : Optional.of(ns);
        } catch (IOException e) {
            throw new RuncFailedException("create", id, "can't read its config.json: " + e.getMessage());
        }
        checkInstalled(kind);
        if (!Files.isExecutable(conmon)) {
            throw new RuntimeMissingException("conmon", conmon);
        }
        if (netns.isPresent() && !Files.isExecutable(NSENTER)) {
            throw new RuntimeMissingException("nsenter", NSENTER);
        }
        try {
            for (Path dir : List.of(paths.runtimeFilesDir(), paths.exitDir(), paths.socketDir(), stateRoot(kind))) {
                Files.createDirectories(dir);
            }
            Files.writeString(paths.runtimeFilesDir().resolve(RUNTIME_FILE), kind.id());
            if (netns.isPresent()) {
                Files.writeString(paths.runtimeFilesDir().resolve(NETNS_FILE), netns.get());
            }
            Files.deleteIfExists(paths.exitFile());
            Files.deleteIfExists(paths.runcLog());
            Files.writeString(paths.runtimeFilesDir().resolve("bundle"), paths.dir().toString());
        } catch (IOException e) {
            throw new RuncFailedException("create", id, "can't prepare its runtime files: " + e.getMessage());
        }
        // conmon reports on the sync pipe after it has detached, so the message can't travel through the launching
        // process's stdout (the JDK drains and closes that when the process exits): it goes through a FIFO that
        // this side holds open read-write, so neither open blocks.
        Path fifo = paths.runtimeFilesDir().resolve("sync.fifo");
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" 3>\"$SANDPOD_SYNC_FIFO\"", "sandpod-conmon"));
        // runsc runs in conmon's netns (--network=host): start conmon inside the pod's, nsenter execs it in place.
        netns.ifPresent(ns -> argv.addAll(List.of(NSENTER.toString(), "--net=" + ns, "--")));
        argv.addAll(ConmonCommand.argv(conmon, binary(kind), globalArgs(kind), paths));
        // conmon writes its "oom" marker into its working directory (or --persist-dir): keep it in the container's files.
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(paths.runtimeFilesDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(paths.conmonLog().toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("_OCI_") || k.equals("NOTIFY_SOCKET"));
        builder.environment().put("_OCI_SYNCPIPE", "3");
        builder.environment().put("SANDPOD_SYNC_FIFO", fifo.toString());
        String message;
        try {
            Files.deleteIfExists(fifo);
            syscalls.mknodat(Syscalls.AT_FDCWD, fifo.toString(), Syscalls.S_IFIFO | 0600, 0);
            try (RandomAccessFile pipe = new RandomAccessFile(fifo.toFile(), "rw")) {
                Process process = builder.start();
                message = readSyncMessage(pipe, process, id);
            } finally {
                Files.deleteIfExists(fifo);
            }
        } catch (IOException e) {
            throw new RuncFailedException("create", id, "can't run conmon: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuncFailedException("create", id, "interrupted while conmon created the container");
        }
        if (message.isBlank()) {
            throw new RuncFailedException("create", id, "conmon exited without reporting: " + readQuietly(paths.conmonLog()));
        }
        RuncOutput.SyncMessage sync;
        try {
            sync = RuncOutput.sync(message);
        } catch (IOException e) {
            throw new RuncFailedException("create", id, e.getMessage());
        }
        if (sync.data() < 0) {
            String runcError = sync.message().map(RuncOutput::error)
                    .orElseGet(() -> RuncOutput.error(readQuietly(paths.runcLog())));
            throw new RuncFailedException("create", id, runcError);
        }
    }

    /**
     * Reads conmon's one JSON message from the sync FIFO. Gives up early if the launch itself failed (conmon
     * refused its arguments: the launching process exits non-zero without a message).
     */
    private static String readSyncMessage(RandomAccessFile pipe, Process process, String id)
            throws IOException, InterruptedException {
        CompletableFuture<String> message = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                int depth = 0;
                int b;
                while ((b = pipe.read()) >= 0) {
                    bytes.write(b);
                    if (b == '{') {
                        depth++;
                    } else if (b == '}' && --depth == 0) {
                        break;
                    }
                }
                message.complete(bytes.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                message.completeExceptionally(e);
            }
        });
        long deadline = System.nanoTime() + CREATE_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                try {
                    return message.get(20, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (!process.isAlive() && process.exitValue() != 0) {
                        return "";
                    }
                }
            }
            throw new IOException("conmon did not report container " + id + " within " + CREATE_TIMEOUT);
        } catch (ExecutionException e) {
            throw new IOException("can't read conmon's sync pipe: " + e.getCause().getMessage(), e.getCause());
        } finally {
            reader.interrupt();
        }
    }

    @Override
    public void start(String id) throws ContainerException {
        CommandRunner.Result r = runc("start", id, List.of("start", id));
        if (r.exitCode() != 0) {
            throw failure("start", id, r);
        }
    }

    @Override
    public ContainerState state(String id) throws ContainerException {
        CommandRunner.Result r = runc("state", id, List.of("state", id));
        if (r.exitCode() == 0) {
            RuncOutput.RuncState s;
            try {
                s = RuncOutput.state(r.stdout());
            } catch (IOException e) {
                throw new RuncFailedException("state", id, "unreadable state JSON: " + e.getMessage());
            }
            ContainerStatus status = RuncOutput.status(s.status());
            return status == ContainerStatus.EXITED ? exited(id) : new ContainerState(id, status, s.pid(),
                    OptionalInt.empty(), false, Optional.empty());
        }
        String error = RuncOutput.error(r.stderr());
        if (RuncOutput.notFound(error)) {
            if (Files.exists(exitFile(id))) {
                return exited(id);
            }
            throw new ContainerNotFoundException(id);
        }
        throw new RuncFailedException("state", id, error);
    }

    /** The exit code from conmon's exit file (waiting briefly while conmon writes it), OOM from the cgroup. */
    private ContainerState exited(String id) throws ContainerException {
        Path exitFile = exitFile(id);
        Instant deadline = Instant.now().plus(EXIT_FILE_WAIT);
        while (!Files.exists(exitFile) && conmonAlive(id) && Instant.now().isBefore(deadline)) {
            sleep(10);
        }
        OptionalInt code = OptionalInt.empty();
        Optional<Instant> finishedAt = Optional.empty();
        try {
            if (Files.exists(exitFile)) {
                code = OptionalInt.of(Integer.parseInt(Files.readString(exitFile).strip()));
                finishedAt = Optional.of(Files.getLastModifiedTime(exitFile).toInstant());
            }
        } catch (java.nio.file.NoSuchFileException deleted) {
            // deleted between the check and the read: the container is being deleted (a restart or a removal)
            throw new ContainerNotFoundException(id);
        } catch (IOException | NumberFormatException e) {
            throw new RuncFailedException("state", id, "unreadable exit file " + exitFile + ": " + e.getMessage());
        }
        boolean oom = false;
        Optional<String> cgroup = cgroupsPath(id);
        if (cgroup.isPresent()) {
            oom = cgroups.oomKilled(cgroup.get());
        }
        return new ContainerState(id, ContainerStatus.EXITED, 0, code, oom, finishedAt);
    }

    private Optional<String> cgroupsPath(String id) {
        Optional<Path> bundle = bundleOf(id);
        if (bundle.isEmpty()) {
            return Optional.empty();
        }
        try {
            String path = OciSpec.read(bundle.get()).json().path("linux").path("cgroupsPath").asText("");
            return path.isEmpty() ? Optional.empty() : Optional.of(path);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void kill(String id, int signal) throws ContainerException {
        CommandRunner.Result r = runc("kill", id, List.of("kill", id, Integer.toString(signal)));
        if (r.exitCode() != 0) {
            if (state(id).exited()) {
                return;
            }
            throw failure("kill", id, r);
        }
    }

    @Override
    public void delete(String id, boolean force) throws ContainerException {
        RuntimeClass kind = runtimeOf(id);
        List<String> args = force ? List.of("delete", "--force", id) : List.of("delete", id);
        CommandRunner.Result r = runc("delete", id, args);
        if (kind == RuntimeClass.RUNSC) {
            killLeftoverRunsc(id);
        }
        if (r.exitCode() != 0 && !RuncOutput.notFound(RuncOutput.error(r.stderr()))) {
            throw failure("delete", id, r);
        }
        Instant deadline = Instant.now().plus(EXIT_FILE_WAIT);
        while (conmonAlive(id) && Instant.now().isBefore(deadline)) {
            sleep(10);
        }
        // conmon exits once its container has; one still here after that is stuck: end it by its own pid.
        conmonPid(id).flatMap(ProcessHandle::of).filter(this::isConmon).ifPresent(ProcessHandle::destroyForcibly);
        try {
            Files.deleteIfExists(exitFile(id));
            Files.deleteIfExists(layout.runtimeDir().resolve("sockets").resolve(id));
            Path files = filesDir(id);
            if (Files.isDirectory(files)) {
                try (var entries = Files.list(files)) {
                    for (Path f : entries.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(files);
            }
        } catch (IOException e) {
            throw new RuncFailedException("delete", id, "can't remove its runtime files: " + e.getMessage());
        }
    }

    @Override
    public RunningExec exec(String id, ExecSpec spec, Optional<InputStream> stdin, ExecOutputListener listener)
            throws ContainerException {
        RuntimeClass kind = runtimeOf(id);
        checkInstalled(kind);
        Path bundle = bundleOf(id).orElseThrow(() -> new ContainerNotFoundException(id));
        String execId = HexFormat.of().toHexDigits(RANDOM.nextLong()).substring(4);
        Path processFile = filesDir(id).resolve("exec-" + execId + ".json");
        Path logFile = filesDir(id).resolve("exec-" + execId + ".log");
        Path pidFile = filesDir(id).resolve("exec-" + execId + ".pid");
        Path consoleSocket = filesDir(id).resolve("exec-" + execId + ".sock");
        Runnable cleanup = () -> deleteQuietly(List.of(processFile, logFile, pidFile, consoleSocket));
        if (spec.terminal().isPresent() && kind == RuntimeClass.RUNSC) {
            throw new RuncFailedException("exec", id, "a terminal (-t) is not supported for runsc containers yet");
        }
        if (spec.terminal().isPresent() && consoleSocket.toString().length() > 100) {
            throw new RuncFailedException("exec", id, "the terminal's socket path " + consoleSocket
                    + " is too long for a unix socket: use a shorter --root");
        }
        Optional<ExecGroup> group = Optional.empty();
        try {
            JsonNode config = OciSpec.read(bundle).json();
            Files.write(processFile, OciSpec.JSON.writeValueAsBytes(ExecProcessSpec.build(config.path("process"), spec)));
            // runsc's processes live in its own kernel: a host cgroup can't hold them, runsc kills its own tree
            if (kind == RuntimeClass.RUNC) {
                String cgroupsPath = config.path("linux").path("cgroupsPath").asText("");
                if (!cgroupsPath.isEmpty()) {
                    group = Optional.of(cgroups.createExecGroup(cgroupsPath, "exec-" + execId));
                }
            }
            List<String> argv = new ArrayList<>();
            netnsOf(id).ifPresent(ns -> argv.addAll(List.of(NSENTER.toString(), "--net=" + ns, "--")));
            if (kind == RuntimeClass.RUNC) {
                // detached under the shim, so a background child holding the pipes can't hold the exec (see the shim)
                argv.add(ExecShim.installed(layout.runtimeDir()).toString());
                if (spec.terminal().isPresent()) {
                    argv.addAll(List.of("--console-socket", consoleSocket.toString()));
                }
                argv.add(pidFile.toString());
            }
            argv.add(binary(kind).toString());
            argv.addAll(globalArgs(kind));
            argv.addAll(List.of("--log=" + logFile, "--log-format=json", "exec", "--process=" + processFile));
            if (kind == RuntimeClass.RUNC) {
                argv.addAll(List.of("--detach", "--pid-file=" + pidFile));
                if (spec.terminal().isPresent()) {
                    argv.add("--console-socket=" + consoleSocket);
                }
            }
            group.ifPresent(g -> argv.add("--cgroup=" + g.runcArgument()));
            argv.add(id);
            ProcessBuilder builder = new ProcessBuilder(argv).directory(filesDir(id).toFile());
            if (stdin.isEmpty()) {
                builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            }
            Process process = startRetryingBusy(builder);
            return new RunningExec(execId, process, group, spec, stdin, listener,
                    (exit, stderr) -> kind == RuntimeClass.RUNSC ? StartFailures.runsc(exit, stderr.bytes())
                            : exit == 255 ? StartFailures.lastError(readLines(logFile)) : Optional.empty(), cleanup);
        } catch (IOException e) {
            group.ifPresent(ExecGroup::close);
            cleanup.run();
            throw new RuncFailedException("exec", id, "can't start: " + e.getMessage());
        }
    }

    /**
     * Starts the process; ETXTBSY is retried for a moment: the shim just installed can still be open for writing in
     * a child another thread is forking (until that child execs and its close-on-exec copy goes).
     */
    private static Process startRetryingBusy(ProcessBuilder builder) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt >= 100 || e.getMessage() == null || !e.getMessage().contains("Text file busy")) {
                    throw e;
                }
                sleep(10);
            }
        }
    }

    private Optional<Path> bundleOf(String id) {
        try {
            return Optional.of(Path.of(Files.readString(filesDir(id).resolve("bundle")).strip()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // the container's removal deletes its runtime files dir with whatever is left in it
            }
        }
    }

    private Optional<Long> conmonPid(String id) {
        try {
            return Optional.of(Long.parseLong(Files.readString(filesDir(id).resolve("conmon.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean isConmon(ProcessHandle handle) {
        return handle.info().command().map(c -> c.endsWith("conmon")).orElse(false);
    }

    /** Whether this container's conmon still runs (its pid file names a live conmon). */
    public boolean conmonAlive(String id) {
        return conmonPid(id).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isConmon).isPresent();
    }

    /**
     * {@code runsc delete --force} can leave the sandbox and gofer processes of a container running: end every
     * process whose command line is runsc's, with this root's {@code --root} and naming the container (its id, as
     * the sandbox's last argument, or its bundle, as the gofer's {@code --bundle}), by its pid.
     */
    private void killLeftoverRunsc(String id) {
        String rootFlag = "--root=" + stateRoot(RuntimeClass.RUNSC);
        String bundle = bundleOf(id).map(Path::toString).orElse(id);
        Instant deadline = Instant.now().plus(EXIT_FILE_WAIT);
        List<ProcessHandle> left = leftoverRunsc(id, bundle, rootFlag);
        left.forEach(ProcessHandle::destroyForcibly);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            sleep(10);
            left = leftoverRunsc(id, bundle, rootFlag);
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<ProcessHandle> leftoverRunsc(String id, String bundle, String rootFlag) {
        List<ProcessHandle> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.matches("\\d+")) {
                    continue;
                }
                List<String> argv;
                try {
                    argv = List.of(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
                } catch (IOException gone) {
                    continue;
                }
                if (!argv.isEmpty() && argv.getFirst().contains("runsc") && argv.contains(rootFlag)
                        && (argv.contains(id) || argv.contains(bundle) || argv.contains("--bundle=" + bundle))) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to find
        }
        return out;
    }

    private CommandRunner.Result runc(String operation, String id, List<String> args) throws ContainerException {
        RuntimeClass kind = runtimeOf(id);
        checkInstalled(kind);
        List<String> argv = new ArrayList<>();
        netnsOf(id).ifPresent(ns -> argv.addAll(List.of(NSENTER.toString(), "--net=" + ns, "--")));
        argv.add(binary(kind).toString());
        argv.addAll(globalArgs(kind));
        argv.addAll(args);
        try {
            return runner.run(argv, RUNC_TIMEOUT);
        } catch (IOException e) {
            throw new RuncFailedException(operation, id, e.getMessage());
        }
    }

    private static RuncFailedException failure(String operation, String id, CommandRunner.Result r) {
        return new RuncFailedException(operation, id, RuncOutput.error(r.stderr().isBlank() ? r.stdout() : r.stderr()));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "(no " + file.getFileName() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
