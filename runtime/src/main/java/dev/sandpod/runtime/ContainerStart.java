package dev.sandpod.runtime;

/** Starts a created container's process. */
final class ContainerStart {
    private final OciRuntime runtime;

    ContainerStart(OciRuntime runtime) {
        this.runtime = runtime;
    }

    ContainerState start(String id) throws ContainerException {
        ContainerState state = runtime.state(id);
        if (state.status() != ContainerStatus.CREATED) {
            throw new IllegalStateTransition(id, state.status(), "start");
        }
        runtime.start(id);
        return runtime.state(id);
    }
}
