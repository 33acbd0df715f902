package dev.sandpod.runtime;

import java.time.Duration;

/**
 * Stops a container like Docker and kubelet: SIGTERM, up to {@code grace} for it to exit, then SIGKILL. A created
 * container that never started gets SIGKILL at once; an exited one is left as it is.
 */
final class ContainerStop {
    static final int SIGTERM = 15;
    static final int SIGKILL = 9;
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** Time, so tests can drive the waits. */
    interface Clock {
        long nanoTime();

        void sleep(Duration d) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d);
        }
    };

    private final OciRuntime runtime;
    private final Clock clock;
    private final Duration poll;

    ContainerStop(OciRuntime runtime, Clock clock, Duration poll) {
        this.runtime = runtime;
        this.clock = clock;
        this.poll = poll;
    }

    ContainerState stop(String id, Duration grace) throws ContainerException {
        ContainerState state = runtime.state(id);
        switch (state.status()) {
            case EXITED, UNKNOWN -> {
                return state;
            }
            case CREATED -> {
                runtime.kill(id, SIGKILL);
                return awaitExit(id, KILL_WAIT);
            }
            default -> {
            }
        }
        if (!grace.isZero()) {
            runtime.kill(id, SIGTERM);
            ContainerState afterTerm = awaitExit(id, grace);
            if (afterTerm.exited()) {
                return afterTerm;
            }
        }
        runtime.kill(id, SIGKILL);
        ContainerState killed = awaitExit(id, KILL_WAIT);
        if (!killed.exited()) {
            throw new IllegalStateTransition(id, killed.status(), "stop (SIGKILL did not end it within " + KILL_WAIT + ")");
        }
        return killed;
    }

    private ContainerState awaitExit(String id, Duration limit) throws ContainerException {
        long deadline = clock.nanoTime() + limit.toNanos();
        ContainerState state = runtime.state(id);
        while (!state.exited() && clock.nanoTime() < deadline) {
            try {
                clock.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            state = runtime.state(id);
        }
        return state;
    }
}
