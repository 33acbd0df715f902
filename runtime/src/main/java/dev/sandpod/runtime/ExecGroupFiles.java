package dev.sandpod.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ExecGroup} as a directory in one cgroup hierarchy: v1's freezer (freeze, kill, thaw, so a fork can't
 * slip past the kill) or v2's unified tree (the kernel's {@code cgroup.kill} does the same in one write).
 */
final class ExecGroupFiles implements ExecGroup {
    private static final long KILL_WAIT_NANOS = 5_000_000_000L;
    private final Path dir;
    private final String runcArgument;
    private final boolean v1Freezer;

    private ExecGroupFiles(Path dir, String runcArgument, boolean v1Freezer) {
        this.dir = dir;
        this.runcArgument = runcArgument;
        this.v1Freezer = v1Freezer;
    }

    /** Creates {@code name} under the container's cgroup in {@code hierarchy}. */
    static ExecGroup create(Path hierarchy, String containerPath, String name, boolean v1Freezer) throws CgroupException {
        if (!name.matches("[a-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("bad exec group name '" + name + "'");
        }
        Path container = CgroupFiles.dir(hierarchy, containerPath);
        if (!Files.isDirectory(container)) {
            throw new CgroupException("the container's cgroup " + container + " is gone", null);
        }
        Path dir = container.resolve(name);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new CgroupException("can't create the exec's cgroup " + dir + ": " + e.getMessage(), e);
        }
        return new ExecGroupFiles(dir, v1Freezer ? "freezer:" + name : name, v1Freezer);
    }

    @Override
    public String runcArgument() {
        return runcArgument;
    }

    @Override
    public void killAll() throws CgroupException {
        long deadline = System.nanoTime() + KILL_WAIT_NANOS;
        if (!v1Freezer && Files.exists(dir.resolve("cgroup.kill"))) {
            CgroupFiles.write(dir.resolve("cgroup.kill"), "1");
        } else if (v1Freezer) {
            freezeAndKill(deadline);
        }
        // v2 without cgroup.kill (kernels before 5.14), and whatever v1 forked before the freeze settled
        while (!empty() && System.nanoTime() < deadline) {
            pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            sleep();
        }
        if (!empty()) {
            throw new CgroupException("processes are still in " + dir + " after SIGKILL", null);
        }
    }

    private void freezeAndKill(long deadline) throws CgroupException {
        Path state = dir.resolve("freezer.state");
        CgroupFiles.write(state, "FROZEN");
        try {
            while (!CgroupFiles.read(state).equals("FROZEN") && System.nanoTime() < deadline) {
                sleep();
            }
            pids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        } finally {
            // SIGKILL is taken when a task thaws; a frozen group would also block the container's own teardown
            CgroupFiles.write(state, "THAWED");
        }
    }

    @Override
    public boolean empty() {
        return !Files.isDirectory(dir) || pids().isEmpty();
    }

    private List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    out.add(Long.parseLong(line.strip()));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the group is gone (the container was removed): nothing is left in it
        }
        return out;
    }

    @Override
    public void close() {
        if (!empty()) {
            return;
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException busy) {
            // a process forked into it between the check and the rmdir: the container's removal takes it
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
