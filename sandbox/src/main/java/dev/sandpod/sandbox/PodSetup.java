package dev.sandpod.sandbox;

import dev.sandpod.core.FileTrees;
import dev.sandpod.net.NetworkException;
import dev.sandpod.net.PodFiles;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.PodNetworkInfo;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes and removes a pod's outside parts: its network (pinned netns, veth, lease) and its /etc files (hosts,
 * resolv.conf, hostname; written once, never rewritten). Each is intent-logged before it is made.
 */
final class PodSetup {
    private final RootLayout layout;
    private final PodNetwork network;
    private final SandboxStore store;
    private final IntentLog intents;

    PodSetup(RootLayout layout, PodNetwork network, SandboxStore store, IntentLog intents) {
        this.layout = layout;
        this.network = network;
        this.store = store;
        this.intents = intents;
    }

    static Path filesDir(RootLayout layout, String sandboxId, String service) {
        return layout.sandboxesDir().resolve(sandboxId).resolve("pods").resolve(service);
    }

    /** Returns the service with its network recorded, making the network and files first if they are not. */
    ServiceRow ensure(ServiceRow svc) throws SandboxException {
        if (svc.networked()) {
            return svc;
        }
        long netIntent = intents.begin(IntentLog.POD_NETWORK, svc.sandboxId(), Map.of("service", svc.name()));
        PodNetworkInfo info;
        try {
            info = network.setUp(layout, svc.sandboxId(), svc.name());
        } catch (NetworkException | RuntimeException e) {
            // setUp undid its own steps: nothing is left for the intent to cover
            intents.finish(netIntent);
            throw new SandboxSetupException(svc.sandboxId(), "pod network", e);
        }
        CrashPoint.reach("afterNetwork");
        Path dir = filesDir(layout, svc.sandboxId(), svc.name());
        long filesIntent;
        try {
            filesIntent = intents.begin(IntentLog.POD_FILES, svc.sandboxId(),
                    Map.of("service", svc.name(), "dir", dir.toString()));
            writeFiles(dir, svc.hostname(), info);
        } catch (SandboxException | IOException | RuntimeException e) {
            SandboxSetupException failure = new SandboxSetupException(svc.sandboxId(), "pod files", e);
            try {
                network.tearDown(layout, svc.sandboxId(), svc.name());
                intents.finish(netIntent);
            } catch (NetworkException | SandboxException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        ServiceRow recorded = new ServiceRow(svc.sandboxId(), svc.name(), svc.hostname(),
                Optional.of(info.netns().toString()), Optional.of(info.ip()), Optional.of(info.gateway()),
                Optional.of(info.subnet()), Optional.of(dir.toString()));
        store.recordNetwork(recorded, List.of(netIntent, filesIntent), intents);
        return recorded;
    }

    /**
     * The pod's /etc files. The nameserver is the gateway, where the sandbox's DNS resolver will listen (net
     * module, later); until then lookups of other names fail fast there.
     */
    private static void writeFiles(Path dir, String hostname, PodNetworkInfo info) throws IOException {
        PodFiles.writeOnce(dir, hostname, info.ip(), List.of(), List.of(info.gateway()), List.of());
        try {
            Files.writeString(dir.resolve("hostname"), hostname + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException kept) {
            // written once before: the user's version stays, as for hosts and resolv.conf
        }
    }

    /** Removes the pod's network and files; safe to repeat. */
    void tearDown(String sandboxId, String service) throws SandboxException {
        try {
            network.tearDown(layout, sandboxId, service);
        } catch (NetworkException e) {
            throw new SandboxSetupException(sandboxId, "pod network teardown", e);
        }
        try {
            FileTrees.deleteTree(filesDir(layout, sandboxId, service));
        } catch (IOException e) {
            throw new SandboxSetupException(sandboxId, "pod files removal", e);
        }
        store.forgetNetwork(sandboxId, service);
    }
}
