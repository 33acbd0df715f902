package dev.sandpod.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * cgroup v1 (and the v1 side of a hybrid host): one hierarchy per controller under {@code root}
 * ({@code memory/}, {@code cpu/}, {@code cpuacct/}, {@code pids/}, ...). The devices hierarchy is never written.
 */
public final class CgroupsV1 implements Cgroups {
    /** v1 reports "no limit" as a page-rounded LONG_MAX; anything this large is unlimited. */
    private static final long UNLIMITED = 1L << 62;
    private final Path root;

    public CgroupsV1(Path root) {
        this.root = root;
    }

    private Path memory(String path) {
        return CgroupFiles.dir(root.resolve("memory"), path);
    }

    private Path cpu(String path) {
        return CgroupFiles.dir(root.resolve("cpu"), path);
    }

    private Path pids(String path) {
        return CgroupFiles.dir(root.resolve("pids"), path);
    }

    @Override
    public ContainerSpec.Limits limits(String path) throws CgroupException {
        OptionalLong memory = CgroupFiles.readLimit(memory(path).resolve("memory.limit_in_bytes"), UNLIMITED);
        OptionalLong quota = CgroupFiles.readLimit(cpu(path).resolve("cpu.cfs_quota_us"), UNLIMITED);
        long period = CgroupFiles.readLong(cpu(path).resolve("cpu.cfs_period_us"));
        OptionalLong millis = quota.isPresent() ? OptionalLong.of(quota.getAsLong() * 1000 / period) : OptionalLong.empty();
        OptionalLong pidsMax = CgroupFiles.readLimit(pids(path).resolve("pids.max"), UNLIMITED);
        return new ContainerSpec.Limits(memory, millis, pidsMax);
    }

    @Override
    public Usage usage(String path) throws CgroupException {
        Path cpuacct = CgroupFiles.dir(root.resolve("cpuacct"), path).resolve("cpuacct.usage");
        if (!Files.exists(cpuacct)) {
            cpuacct = cpu(path).resolve("cpuacct.usage"); // cpu,cpuacct mounted together
        }
        return new Usage(CgroupFiles.readLong(memory(path).resolve("memory.usage_in_bytes")),
                CgroupFiles.readLong(memory(path).resolve("memory.max_usage_in_bytes")),
                CgroupFiles.readLong(pids(path).resolve("pids.current")),
                Files.exists(cpuacct) ? CgroupFiles.readLong(cpuacct) : 0);
    }

    @Override
    public void update(String path, ContainerSpec.Limits limits) throws CgroupException {
        if (limits.memoryBytes().isPresent()) {
            setMemory(path, limits.memoryBytes().getAsLong());
        }
        if (limits.cpuMillis().isPresent()) {
            Path dir = cpu(path);
            CgroupFiles.write(dir.resolve("cpu.cfs_period_us"), Long.toString(OciSpecBuilder.CPU_PERIOD_US));
            CgroupFiles.write(dir.resolve("cpu.cfs_quota_us"),
                    Long.toString(limits.cpuMillis().getAsLong() * OciSpecBuilder.CPU_PERIOD_US / 1000));
        }
        if (limits.pids().isPresent()) {
            CgroupFiles.write(pids(path).resolve("pids.max"), Long.toString(limits.pids().getAsLong()));
        }
    }

    /**
     * memory+swap must stay at or above memory: raising writes memsw first, lowering writes memory first. Both
     * get the same value (no swap beyond the limit), as {@link OciSpecBuilder} sets them at create.
     */
    private void setMemory(String path, long bytes) throws CgroupException {
        Path dir = memory(path);
        Path limit = dir.resolve("memory.limit_in_bytes");
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        if (!Files.exists(memsw)) {
            CgroupFiles.write(limit, Long.toString(bytes));
            return;
        }
        long current = CgroupFiles.readLong(limit);
        List<Path> order = bytes > current ? List.of(memsw, limit) : List.of(limit, memsw);
        for (Path file : order) {
            CgroupFiles.write(file, Long.toString(bytes));
        }
    }

    @Override
    public boolean oomKilled(String path) throws CgroupException {
        Path control = memory(path).resolve("memory.oom_control");
        if (!Files.exists(control)) {
            return false;
        }
        return CgroupFiles.keyed(control, "oom_kill") > 0;
    }

    @Override
    public boolean exists(String path) {
        return Files.isDirectory(memory(path)) || Files.isDirectory(pids(path));
    }

    @Override
    public ExecGroup createExecGroup(String containerPath, String name) throws CgroupException {
        return ExecGroupFiles.create(root.resolve("freezer"), containerPath, name, true);
    }

    @Override
    public void remove(String path) throws CgroupException {
        try (var hierarchies = Files.list(root)) {
            for (Path hierarchy : hierarchies.filter(Files::isDirectory).toList()) {
                if (Files.isDirectory(CgroupFiles.dir(hierarchy, CgroupPaths.TOP))) {
                    CgroupFiles.removeTree(hierarchy, path, CgroupPaths.TOP);
                }
            }
        } catch (IOException e) {
            throw new CgroupException("can't list " + root + ": " + e.getMessage(), e);
        }
    }
}
