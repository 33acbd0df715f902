package dev.sandpod.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** cgroup v2: one unified hierarchy at {@code root}; memory.max, cpu.max, pids.max, memory.events. */
public final class CgroupsV2 implements Cgroups {
    private final Path root;

    public CgroupsV2(Path root) {
        this.root = root;
    }

    private Path dir(String path) {
        return CgroupFiles.dir(root, path);
    }

    @Override
    public ContainerSpec.Limits limits(String path) throws CgroupException {
        Path dir = dir(path);
        OptionalLong memory = CgroupFiles.readLimit(dir.resolve("memory.max"), Long.MAX_VALUE);
        String[] cpu = CgroupFiles.read(dir.resolve("cpu.max")).split("\\s+");
        OptionalLong millis = cpu[0].equals("max") ? OptionalLong.empty()
                : OptionalLong.of(Long.parseLong(cpu[0]) * 1000 / Long.parseLong(cpu[1]));
        OptionalLong pids = CgroupFiles.readLimit(dir.resolve("pids.max"), Long.MAX_VALUE);
        return new ContainerSpec.Limits(memory, millis, pids);
    }

    @Override
    public Usage usage(String path) throws CgroupException {
        Path dir = dir(path);
        Path peak = dir.resolve("memory.peak");
        return new Usage(CgroupFiles.readLong(dir.resolve("memory.current")),
                Files.exists(peak) ? CgroupFiles.readLong(peak) : 0,
                CgroupFiles.readLong(dir.resolve("pids.current")),
                CgroupFiles.keyed(dir.resolve("cpu.stat"), "usage_usec") * 1000);
    }

    @Override
    public void update(String path, ContainerSpec.Limits limits) throws CgroupException {
        Path dir = dir(path);
        if (limits.memoryBytes().isPresent()) {
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memoryBytes().getAsLong()));
        }
        if (limits.cpuMillis().isPresent()) {
            CgroupFiles.write(dir.resolve("cpu.max"), limits.cpuMillis().getAsLong() * OciSpecBuilder.CPU_PERIOD_US / 1000
                    + " " + OciSpecBuilder.CPU_PERIOD_US);
        }
        if (limits.pids().isPresent()) {
            CgroupFiles.write(dir.resolve("pids.max"), Long.toString(limits.pids().getAsLong()));
        }
    }

    @Override
    public boolean oomKilled(String path) throws CgroupException {
        Path events = dir(path).resolve("memory.events");
        return Files.exists(events) && CgroupFiles.keyed(events, "oom_kill") > 0;
    }

    @Override
    public boolean exists(String path) {
        return Files.isDirectory(dir(path));
    }

    @Override
    public ExecGroup createExecGroup(String containerPath, String name) throws CgroupException {
        return ExecGroupFiles.create(root, containerPath, name, false);
    }

    @Override
    public void remove(String path) throws CgroupException {
        if (Files.isDirectory(dir(CgroupPaths.TOP))) {
            CgroupFiles.removeTree(root, path, CgroupPaths.TOP);
        }
    }
}
