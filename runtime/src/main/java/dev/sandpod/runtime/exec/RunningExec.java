package dev.sandpod.runtime.exec;

import dev.sandpod.runtime.CgroupException;
import dev.sandpod.runtime.ExecGroup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * One started exec: the runtime's host process (runc exec, which passes its pipes straight to the command), two
 * threads reading the command's output into bounded buffers, and the exec's own cgroup. {@link #await} returns
 * when the command has exited, its deadline passed (the whole tree is killed: 124) or {@link #kill} was called
 * (137), and never waits on a background child that still holds the pipes: those keep running, their output is
 * drained and dropped.
 */
public final class RunningExec {
    /** How long output may still arrive after the command exited, before background holders are left to it. */
    private static final Duration DRAIN_AFTER_EXIT = Duration.ofMillis(200);
    private static final Duration RUNTIME_EXIT_WAIT = Duration.ofSeconds(2);
    /**
     * After a kill: the tree's own pipe ends are closed at once, but runsc's sandbox keeps its copies open, so
     * waiting for their end would only spend the caller's second-after-the-deadline.
     */
    private static final Duration DRAIN_AFTER_KILL = Duration.ofMillis(300);

    private final String id;
    private final Process process;
    private final Optional<ExecGroup> group;
    private final Optional<Duration> timeout;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final BiFunction<Integer, CapturedOutput, Optional<String>> startFailure;
    private final Runnable cleanup;
    private final long startedNanos = System.nanoTime();
    private volatile boolean killRequested;
    private ExecResult result;

    /**
     * @param startFailure given the runtime's exit code and the stderr, the runtime's reason when the command never started
     * @param cleanup      runs once the exec is over (removes the runtime's per-exec files)
     */
    public RunningExec(String id, Process process, Optional<ExecGroup> group, ExecSpec spec, Optional<InputStream> stdin,
                       ExecOutputListener listener, BiFunction<Integer, CapturedOutput, Optional<String>> startFailure,
                       Runnable cleanup) {
        this.id = id;
        this.process = process;
        this.group = group;
        this.timeout = spec.timeout();
        this.startFailure = startFailure;
        this.cleanup = cleanup;
        this.stdout = OutputPump.start(id, ExecStream.STDOUT, process.getInputStream(), spec.outputLimit(), listener);
        this.stderr = OutputPump.start(id, ExecStream.STDERR, process.getErrorStream(), spec.outputLimit(), listener);
        stdin.ifPresentOrElse(in -> feed(in, process.getOutputStream()), () -> closeQuietly(process.getOutputStream()));
    }

    public String id() {
        return id;
    }

    /** Kills the exec's whole process tree; {@link #await} then returns 137 (unless it had already ended). */
    public void kill() {
        killRequested = true;
        killTree();
    }

    /** Waits for the end as the class comment says; safe to call again (returns the same result). */
    public synchronized ExecResult await() throws InterruptedException {
        if (result != null) {
            return result;
        }
        boolean timedOut = false;
        if (timeout.isPresent()) {
            long left = timeout.get().toNanos() - (System.nanoTime() - startedNanos);
            if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                timedOut = !killRequested;
                killTree();
            }
        }
        int runtimeExit = process.waitFor();
        boolean killed = killRequested && !timedOut;
        long drainEnd = System.nanoTime() + (timedOut || killed ? DRAIN_AFTER_KILL : DRAIN_AFTER_EXIT).toNanos();
        CapturedOutput out = stdout.finish(Duration.ofNanos(Math.max(1, drainEnd - System.nanoTime())));
        CapturedOutput err = stderr.finish(Duration.ofNanos(Math.max(1, drainEnd - System.nanoTime())));
        Optional<String> failure = timedOut || killed ? Optional.empty() : startFailure.apply(runtimeExit, err);
        int exitCode = timedOut ? ExecResult.TIMED_OUT : killed ? ExecResult.KILLED : runtimeExit;
        if (failure.isPresent()) {
            exitCode = StartFailures.exitCode(failure.get());
        }
        group.ifPresent(ExecGroup::close);
        cleanup.run();
        result = new ExecResult(exitCode, timedOut, killed, failure, out, err,
                Duration.ofNanos(System.nanoTime() - startedNanos));
        return result;
    }

    private void killTree() {
        // the group first (every process the command made), then the runtime's own process, then the group again
        // for a command the runtime placed in it between the two
        try {
            if (group.isPresent()) {
                group.get().killAll();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            if (group.isPresent()) {
                group.get().killAll();
            }
            process.waitFor(RUNTIME_EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CgroupException e) {
            System.getLogger(RunningExec.class.getName()).log(System.Logger.Level.WARNING,
                    "exec " + id + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void feed(InputStream in, OutputStream toCommand) {
        Thread.ofVirtual().name("exec-" + id + "-stdin").start(() -> {
            try (in; toCommand) {
                // flushed as it comes: the process's stdin is buffered, and a streaming caller waits for answers
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    toCommand.write(buffer, 0, n);
                    toCommand.flush();
                }
            } catch (IOException e) {
                // the command exited or closed its stdin before reading it all, as `head` does: not an error
            }
        });
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // nothing was written: closing can't lose anything
        }
    }
}
