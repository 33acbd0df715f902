package dev.sandpod.image.pull;

import dev.sandpod.image.ref.ImageRef;
import dev.sandpod.image.registry.Credentials;
import dev.sandpod.image.registry.RegistryClient;
import dev.sandpod.image.registry.RegistryEndpoint;
import dev.sandpod.state.RegistrySecret;
import dev.sandpod.state.SandpodConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which registry endpoints to try for an image (configured mirrors first, then the registry itself unless a
 * mirror forbids fallback), each with the credentials meant for it: a secret is only ever sent to its own server.
 */
public final class RegistryAccess {
    private final SandpodConfig config;
    private final String userAgent;

    public RegistryAccess(SandpodConfig config, String userAgent) {
        this.config = config;
        this.userAgent = userAgent;
    }

    /** One endpoint to try, and whether it is a mirror (a mirror's failure moves on to the next). */
    public record Source(String host, boolean mirror, RegistryClient client) {
    }

    public List<Source> sourcesFor(ImageRef ref, Optional<RegistrySecret> secret) throws SecretMismatchException {
        List<Source> out = new ArrayList<>();
        var mirror = config.mirrorFor(ref.registry());
        mirror.ifPresent(m -> m.endpoints().forEach(host -> out.add(source(host, true, secret))));
        if (mirror.isEmpty() || mirror.get().fallback()) {
            out.add(source(ref.apiHost(), false, secret));
        }
        if (secret.isPresent() && out.stream().noneMatch(s -> serves(secret.get(), s.host()))) {
            throw new SecretMismatchException(secret.get().name(), secret.get().server(), ref.registry());
        }
        return out;
    }

    /** A client for pushing: never a mirror. */
    public RegistryClient clientFor(ImageRef ref, Optional<RegistrySecret> secret) throws SecretMismatchException {
        if (secret.isPresent() && !serves(secret.get(), ref.apiHost())) {
            throw new SecretMismatchException(secret.get().name(), secret.get().server(), ref.registry());
        }
        return source(ref.apiHost(), false, secret).client();
    }

    private Source source(String host, boolean isMirror, Optional<RegistrySecret> secret) {
        Optional<Credentials> credentials = secret.filter(s -> serves(s, host))
                .map(s -> new Credentials(s.username(), s.password()));
        RegistryClient client = RegistryClient.builder()
                .endpoint(RegistryEndpoint.of(host, config.insecureRegistries()))
                .credentials(credentials)
                .connectTimeout(config.registryTimeout())
                .readTimeout(config.registryTimeout())
                .userAgent(userAgent)
                .build();
        return new Source(host, isMirror, client);
    }

    static boolean serves(RegistrySecret secret, String host) {
        String server = secret.server().replaceFirst("^https?://", "").replaceFirst("/+$", "");
        if (server.equals(ImageRef.DOCKER_HUB) || server.equals("index.docker.io")) {
            server = "registry-1.docker.io";
        }
        return server.equalsIgnoreCase(host);
    }
}
