package dev.sandpod.sandbox;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageNotFoundException;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.pull.PullProgress;
import dev.sandpod.image.store.ImageRecord;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * {@code sandpod run}: validates everything, gets the image (pulling it if it is not stored), records the desired
 * sandbox (one service {@code default} with a main container), then brings it up: pod network, pod files, the
 * main container started in the pod's netns. A failure undoes all of it; a crash half-way is finished or undone
 * by recovery and the next reconcile pass.
 */
final class SandboxRun {
    static final String SERVICE = "default";
    static final String MAIN = "main";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final ImageService images;
    private final SandboxStore store;
    private final PodSetup pods;
    private final ContainerLauncher launcher;
    private final SandboxRemove remove;
    private final SandboxLocks locks;
    private final Clock clock;
    private final ImageFiles files;

    SandboxRun(ImageService images, ImageFiles files, SandboxStore store, PodSetup pods, ContainerLauncher launcher,
               SandboxRemove remove, SandboxLocks locks, Clock clock) {
        this.images = images;
        this.files = files;
        this.store = store;
        this.pods = pods;
        this.launcher = launcher;
        this.remove = remove;
        this.locks = locks;
        this.clock = clock;
    }

    RunResult run(RunRequest request) throws SandboxException {
        String id = newId();
        String name = request.name().orElse("sb-" + id.substring(0, 8));
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name", "'" + name + "' is not a valid sandbox name",
                    "use lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit");
        }
        RestartPolicy policy = RestartPolicy.parse(request.restart());
        // Everything the request says is checked before the image is fetched: a typo costs no pull.
        SpecResolver.resolve(request, MINIMAL_CONFIG, SpecResolver.SYNTAX_ONLY);
        if (store.find(name).isPresent()) {
            throw new NameInUseException(name);
        }
        ImageRecord image = obtain(request.image(), request.secret(), name);
        StoredSpec spec = spec(request, request.image(), image, name);
        Instant now = clock.instant();
        SandboxRow sandbox = new SandboxRow(id, name, now, SandboxRow.Desired.RUNNING);
        ServiceRow service = new ServiceRow(id, SERVICE, name, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        ContainerRow main = new ContainerRow(newId(), id, SERVICE, MAIN, "main", request.image(),
                image.manifestDigest().toString(), spec, policy, 0, 0, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        try (SandboxLocks.Held held = locks.lock(id)) {
            store.insert(sandbox, List.of(service), List.of(main));
            try {
                ServiceRow pod = pods.ensure(service);
                launcher.launch(sandbox, main, pod, clock.instant());
                return new RunResult(id, name, pod.ip().orElseThrow());
            } catch (SandboxException | RuntimeException e) {
                try {
                    remove.finish(sandbox);
                } catch (SandboxException cleanup) {
                    e.addSuppressed(cleanup);
                }
                store.event(null, name, "Failed", "Failed to run: " + e.getMessage(), clock.instant());
                throw e;
            }
        }
    }

    /**
     * The request merged with {@code image}'s config; the user (the request's or the image's) is resolved in the
     * image's own /etc/passwd and /etc/group. An unknown user is an {@link InvalidRequestException} naming it.
     */
    StoredSpec spec(RunRequest request, String reference, ImageRecord image, String name) throws SandboxException {
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = images.inspect(image.manifestDigest().toString()).config();
        } catch (SandpodException e) {
            throw new SandboxSetupException(name, "image config", e);
        }
        // read even for the default (root) user: like Docker, root gets the groups that list it
        ImageUsers users = files.users(image, name);
        return SpecResolver.resolve(request, config, SpecResolver.in(users, reference));
    }

    /** The stored image, or the pulled one; the pull is reported with Pulling/Pulled or ErrImagePull events. */
    ImageRecord obtain(String reference, String name) throws SandboxException {
        return obtain(reference, Optional.empty(), name);
    }

    /** As {@link #obtain(String, String)}, pulling with the registry secret {@code secret} if given. */
    ImageRecord obtain(String reference, Optional<String> secret, String name) throws SandboxException {
        try {
            return images.resolve(reference);
        } catch (ImageNotFoundException notStored) {
            // not in the store yet: pull it below
        } catch (SandpodException e) {
            throw new SandboxSetupException(name, "image lookup", e);
        }
        store.event(null, name, "Pulling", "Pulling image \"" + reference + "\"", clock.instant());
        try {
            ImageRecord pulled = images.pull(reference, secret, Optional.empty(), PullProgress.SILENT);
            store.event(null, name, "Pulled", "Successfully pulled image \"" + reference + "\" ("
                    + pulled.manifestDigest() + ")", clock.instant());
            return pulled;
        } catch (SandpodException e) {
            String reason = String.valueOf(e.getMessage());
            store.event(null, name, "ErrImagePull", "ErrImagePull: " + reason, clock.instant());
            throw new ImagePullException(reference, reason, e);
        }
    }

    private static final com.fasterxml.jackson.databind.JsonNode MINIMAL_CONFIG = minimalConfig();

    /** An image config with a Cmd, so the request alone can be checked before the image is known. */
    private static com.fasterxml.jackson.databind.JsonNode minimalConfig() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.putObject("config").putArray("Cmd").add("/bin/sh");
        return json;
    }

    static String newId() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
