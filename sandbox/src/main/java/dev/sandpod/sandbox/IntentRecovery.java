package dev.sandpod.sandbox;

import dev.sandpod.core.FileTrees;
import dev.sandpod.net.NetworkException;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.ContainerStatus;
import dev.sandpod.runtime.Containers;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finishes or undoes each pending intent after a crash. An object whose record exists is kept (the intent is just
 * finished); one that was made but never recorded is removed (pod network torn down, files deleted, container
 * deleted), except a running container, which is adopted if its row exists and is otherwise left for doctor:
 * recovery never kills a running container. What a pending intent's undo leaves half-made in the desired state
 * (a service without network, a container never created) is made again by the next reconcile pass.
 */
final class IntentRecovery {
    private final RootLayout layout;
    private final IntentLog intents;
    private final SandboxStore store;
    private final PodNetwork network;
    private final Containers containers;
    private final LiveState live;
    private final Clock clock;

    /** What recovery did, one line per intent, and what it could not do (those intents stay pending). */
    public record Report(List<String> done, List<Exception> failures) {
        public Report {
            done = List.copyOf(done);
            failures = List.copyOf(failures);
        }
    }

    IntentRecovery(RootLayout layout, IntentLog intents, SandboxStore store, PodNetwork network, Containers containers,
                   LiveState live, Clock clock) {
        this.layout = layout;
        this.intents = intents;
        this.store = store;
        this.network = network;
        this.containers = containers;
        this.live = live;
        this.clock = clock;
    }

    Report recover() throws SandboxException {
        List<String> done = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (Intent intent : intents.pending()) {
            try {
                done.add(recover(intent));
            } catch (SandboxException | NetworkException | ContainerException | IOException e) {
                failures.add(e);
            }
        }
        return new Report(done, failures);
    }

    private String recover(Intent intent) throws SandboxException, NetworkException, ContainerException, IOException {
        String sandboxId = intent.object();
        String what = intent.action() + " " + intent.payload() + " of sandbox " + sandboxId + ": ";
        switch (intent.action()) {
            case IntentLog.POD_NETWORK -> {
                String service = intent.text("service");
                if (recordedService(sandboxId, service)) {
                    intents.finish(intent.id());
                    return what + "recorded, kept";
                }
                network.tearDown(layout, sandboxId, service);
                intents.finish(intent.id());
                return what + "not recorded, torn down";
            }
            case IntentLog.POD_FILES -> {
                if (recordedService(sandboxId, intent.text("service"))) {
                    intents.finish(intent.id());
                    return what + "recorded, kept";
                }
                FileTrees.deleteTree(Path.of(intent.text("dir")));
                intents.finish(intent.id());
                return what + "not recorded, deleted";
            }
            case IntentLog.CONTAINER_CREATE, IntentLog.CONTAINER_RECREATE -> {
                return recoverContainer(intent, sandboxId, what);
            }
            default -> throw new SandboxStateException("unknown intent " + intent.action() + " (id " + intent.id() + ")",
                    "a newer sandpod wrote it: run that version, or `sandpod doctor`", null);
        }
    }

    private String recoverContainer(Intent intent, String sandboxId, String what) throws SandboxException, ContainerException {
        String id = intent.text("container");
        int instance = Integer.parseInt(intent.text("instance"));
        Optional<ContainerRow> row = store.container(id);
        Optional<ContainerState> state = live.of(sandboxId, id);
        boolean running = state.map(s -> s.status() == ContainerStatus.RUNNING).orElse(false);
        if (running && row.isPresent()) {
            if (row.get().instance() < instance) {
                store.recordStarted(id, instance, clock.instant(), Optional.of(intent.id()), intents);
            } else {
                intents.finish(intent.id());
            }
            return what + "running, adopted as instance " + instance;
        }
        if (running) {
            intents.finish(intent.id());
            return what + "running but its sandbox is gone: left for `sandpod doctor` (recovery never kills)";
        }
        if (intent.action().equals(IntentLog.CONTAINER_CREATE)) {
            containers.delete(sandboxId, id, true);
            intents.finish(intent.id());
            return what + "not running, deleted";
        }
        // a half-done recreate: the next reconcile pass recreates it over the kept upper dir
        intents.finish(intent.id());
        return what + "not running, left for the reconciler to restart";
    }

    private boolean recordedService(String sandboxId, String service) throws SandboxException {
        return store.service(sandboxId, service).map(ServiceRow::networked).orElse(false);
    }
}
