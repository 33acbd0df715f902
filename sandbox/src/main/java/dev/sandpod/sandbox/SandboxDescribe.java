package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.ContainerStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds {@link SandboxDescription}s from the rows and the runtime's state read now: a status a caller sees is
 * never older than a state change that finished before the call.
 */
final class SandboxDescribe {
    static final int EVENTS = 50;
    private final SandboxStore store;
    private final LiveState live;

    SandboxDescribe(SandboxStore store, LiveState live) {
        this.store = store;
        this.live = live;
    }

    SandboxDescription describe(SandboxRow sandbox, boolean withEvents) throws SandboxException {
        Optional<ServiceRow> pod = store.service(sandbox.id(), SandboxRun.SERVICE);
        List<ContainerDescription> out = new ArrayList<>();
        for (ContainerRow row : store.containers(sandbox.id())) {
            out.add(container(sandbox, row));
        }
        return new SandboxDescription(sandbox.id(), sandbox.name(), sandbox.createdAt(),
                sandbox.desired().name().toLowerCase(java.util.Locale.ROOT), pod.flatMap(ServiceRow::ip),
                pod.flatMap(ServiceRow::gateway), pod.flatMap(ServiceRow::subnet), out,
                withEvents ? store.events(sandbox.name(), EVENTS) : List.of());
    }

    private ContainerDescription container(SandboxRow sandbox, ContainerRow row) throws SandboxException {
        Optional<ContainerState> state = row.instance() == 0 ? Optional.empty() : live.of(sandbox.name(), row.id());
        String phase;
        Optional<String> reason;
        OptionalInt exitCode = OptionalInt.empty();
        Optional<String> lastReason = row.lastReason();
        // The runtime changes before the row records it: a container running while its row holds the exit of the
        // row's instance is the next instance, started but not yet recorded; the row's instance is not Running.
        boolean nextStarting = row.finishedAt().isPresent() && state.map(s -> !s.exited()).orElse(false);
        if (row.instance() == 0 || nextStarting
                || state.map(s -> s.status() == ContainerStatus.CREATED).orElse(false)) {
            phase = "Waiting";
            reason = Optional.of("ContainerCreating");
        } else if (state.isPresent() && !state.get().exited()) {
            phase = "Running";
            reason = Optional.empty();
        } else if (sandbox.desired() == SandboxRow.Desired.RUNNING && row.nextRestartAt().isPresent()) {
            phase = "Waiting";
            reason = Optional.of("CrashLoopBackOff");
            exitCode = row.lastExitCode();
        } else {
            phase = "Terminated";
            reason = Optional.of(state.flatMap(ContainerState::reason).or(row::lastReason).orElse("Unknown"));
            exitCode = state.isPresent() ? state.get().exitCode() : row.lastExitCode();
            lastReason = Optional.empty();
        }
        Optional<java.time.Instant> finished = state.flatMap(ContainerState::finishedAt).or(row::finishedAt);
        return new ContainerDescription(row.name(), row.id(), row.kind(), row.imageRef(), row.imageDigest(), phase,
                reason, exitCode, row.restartCount(), row.instance(), row.startedAt(),
                phase.equals("Running") ? Optional.empty() : finished, phase.equals("Terminated") ? Optional.empty()
                : lastReason, row.spec().limits(), row.restartPolicy(), row.nextRestartAt(), row.spec().runtimeClass().id());
    }
}
