package dev.sandpod.sandbox.doctor;

import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * conmon processes of this root (their {@code --exit-dir} is exactly this root's exit directory) whose container is
 * not in state. Removal kills that conmon by pid, after checking again that the pid is still the same conmon, then
 * its container through runc.
 */
final class ConmonScan implements Scan {
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
    private final String exitDir;
    private final Runc runc;

    ConmonScan(RootLayout layout, Runc runc) {
        this.exitDir = ContainerPaths.exitDir(layout).toString();
        this.runc = runc;
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<Leftover> out = new ArrayList<>();
        List<Long> pids;
        try {
            pids = ProcFs.pids();
        } catch (IOException e) {
            throw new DoctorException("can't list processes in /proc: " + e.getMessage(), "run doctor as root", e);
        }
        for (long pid : pids) {
            Optional<String> cid = ourConmon(ProcFs.argv(pid));
            if (cid.isPresent() && !owned.ownsContainer(cid.get())) {
                out.add(Leftover.of(LeftoverKind.CONMON_PROCESS, "pid " + pid + " (container " + cid.get() + ")",
                        () -> kill(pid, cid.get())));
            }
        }
        return out;
    }

    /** The container id of a conmon of this root, if {@code argv} is one. */
    private Optional<String> ourConmon(List<String> argv) {
        if (argv.isEmpty() || !Path.of(argv.getFirst()).getFileName().toString().equals("conmon")) {
            return Optional.empty();
        }
        if (!ProcFs.option(argv, "--exit-dir").map(exitDir::equals).orElse(false)) {
            return Optional.empty();
        }
        return ProcFs.option(argv, "--cid");
    }

    private void kill(long pid, String cid) throws IOException, InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent() && ourConmon(ProcFs.argv(pid)).equals(Optional.of(cid))) {
            handle.get().destroyForcibly();
            try {
                handle.get().onExit().get(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new IOException("conmon pid " + pid + " did not exit within " + EXIT_WAIT + " of SIGKILL");
            }
        }
        runc.deleteForce(cid);
    }
}
