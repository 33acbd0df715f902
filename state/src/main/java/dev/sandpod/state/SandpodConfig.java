package dev.sandpod.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A root's settings, read from ROOT/config.json. Every field is optional.
 *
 * @param insecureRegistries hosts (host[:port]) that may be reached over plain HTTP; loopback always may
 * @param mirrors            per registry (for example docker.io), the mirrors to try first
 * @param storeMaxBytes      high-water mark of the image store; past it, unused images are evicted, oldest use first
 * @param registryTimeout    how long a registry may stay silent before a pull or push fails
 */
public record SandpodConfig(
        Set<String> insecureRegistries,
        Map<String, Mirror> mirrors,
        OptionalLong storeMaxBytes,
        Duration registryTimeout) {

    public static final Duration DEFAULT_REGISTRY_TIMEOUT = Duration.ofSeconds(30);

    /** Mirrors of one registry, tried in order; with fallback, the registry itself is tried last. */
    public record Mirror(List<String> endpoints, boolean fallback) {
        public Mirror {
            endpoints = List.copyOf(endpoints);
        }
    }

    public SandpodConfig {
        insecureRegistries = Set.copyOf(insecureRegistries);
        mirrors = Map.copyOf(mirrors);
    }

    public static SandpodConfig defaults() {
        return new SandpodConfig(Set.of(), Map.of(), OptionalLong.empty(), DEFAULT_REGISTRY_TIMEOUT);
    }

    public Optional<Mirror> mirrorFor(String registry) {
        return Optional.ofNullable(mirrors.get(registry));
    }
}
