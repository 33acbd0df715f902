package dev.sandpod.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** An in-memory OCI runtime: records calls; signals in {@link #ignored} don't end a container, others do (128+sig). */
class FakeOciRuntime implements OciRuntime {
    record Call(String operation, String id, int signal) {
    }

    final List<Call> calls = new ArrayList<>();
    final Map<String, ContainerState> containers = new HashMap<>();
    final Set<Integer> ignored = new HashSet<>();

    @Override
    public void create(ContainerPaths paths) {
        calls.add(new Call("create", paths.containerId(), 0));
        containers.put(paths.containerId(), state(paths.containerId(), ContainerStatus.CREATED, OptionalInt.empty()));
    }

    @Override
    public void start(String id) {
        calls.add(new Call("start", id, 0));
        containers.put(id, state(id, ContainerStatus.RUNNING, OptionalInt.empty()));
    }

    @Override
    public dev.sandpod.runtime.exec.RunningExec exec(String id, dev.sandpod.runtime.exec.ExecSpec spec,
                                                     Optional<java.io.InputStream> stdin,
                                                     dev.sandpod.runtime.exec.ExecOutputListener listener) {
        throw new UnsupportedOperationException("the fake runtime runs no processes");
    }

    @Override
    public ContainerState state(String id) throws ContainerNotFoundException {
        ContainerState s = containers.get(id);
        if (s == null) {
            throw new ContainerNotFoundException(id);
        }
        return s;
    }

    @Override
    public void kill(String id, int signal) {
        calls.add(new Call("kill", id, signal));
        if (!ignored.contains(signal) && !containers.get(id).exited()) {
            containers.put(id, state(id, ContainerStatus.EXITED, OptionalInt.of(128 + signal)));
        }
    }

    @Override
    public void delete(String id, boolean force) {
        calls.add(new Call(force ? "delete-force" : "delete", id, 0));
        containers.remove(id);
    }

    private static ContainerState state(String id, ContainerStatus status, OptionalInt code) {
        return new ContainerState(id, status, status == ContainerStatus.EXITED ? 0 : 42, code, false,
                code.isPresent() ? Optional.of(Instant.EPOCH) : Optional.empty());
    }
}
