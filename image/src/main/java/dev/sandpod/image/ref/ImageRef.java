package dev.sandpod.image.ref;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A normalised image reference, as Docker normalises them: {@code busybox} is
 * {@code docker.io/library/busybox:latest}; a first path part with a dot, a colon or {@code localhost}
 * is a registry host.
 */
public record ImageRef(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");

    public ImageRef {
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new IllegalArgumentException("an image reference needs a tag or a digest");
        }
    }

    public static ImageRef parse(String text) throws InvalidReferenceException {
        if (text == null || text.isBlank()) {
            throw new InvalidReferenceException(String.valueOf(text), "it is empty");
        }
        if (!text.equals(text.strip())) {
            throw new InvalidReferenceException(text, "it has spaces around it");
        }
        if (text.length() > 512) {
            throw new InvalidReferenceException(text.substring(0, 40) + "...", "it is longer than 512 characters");
        }
        String rest = text;
        Optional<Digest> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(Digest.parse(rest.substring(at + 1)));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int lastColon = rest.lastIndexOf(':');
        if (lastColon > rest.lastIndexOf('/')) {
            String t = rest.substring(lastColon + 1);
            if (!TAG.matcher(t).matches()) {
                throw new InvalidReferenceException(text, "tag '" + t + "' may hold only letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-')");
            }
            tag = Optional.of(t);
            rest = rest.substring(0, lastColon);
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!HOST.matcher(first).matches()) {
                    throw new InvalidReferenceException(text, "registry '" + first + "' is not a valid host[:port]");
                }
                registry = first.equals("index.docker.io") || first.equals("registry-1.docker.io") ? DOCKER_HUB : first;
                path = rest.substring(slash + 1);
            }
        }
        if (path.isEmpty()) {
            throw new InvalidReferenceException(text, "it names no repository");
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                String why = component.isEmpty() ? "has an empty path component"
                        : !component.equals(component.toLowerCase()) ? "repository name must be lowercase ('" + component + "')"
                        : "path component '" + component + "' may hold only lowercase letters, digits and single separators (., _, __, -)";
                throw new InvalidReferenceException(text, why);
            }
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (registry.length() + 1 + path.length() > 255) {
            throw new InvalidReferenceException(text, "the name is longer than 255 characters");
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new ImageRef(registry, path, tag, digest);
    }

    /** What to ask the registry's manifest endpoint for: the digest if there is one, else the tag. */
    public String manifestReference() {
        return digest.map(Digest::toString).orElseGet(tag::orElseThrow);
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    public ImageRef withDigest(Digest d) {
        return new ImageRef(registry, repository, tag, Optional.of(d));
    }

    public ImageRef withoutDigest() {
        return new ImageRef(registry, repository, Optional.of(tag.orElse("latest")), Optional.empty());
    }

    /** The host sandpod talks to: Docker Hub's API host differs from its name. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    @Override
    public String toString() {
        return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
