package dev.sandpod.image.registry;

import dev.sandpod.core.SandpodException;

/** A registry call failed; every subclass names the registry host and the repository it was about. */
public abstract class RegistryException extends SandpodException {
    private final String registry;
    private final String repository;

    protected RegistryException(String registry, String repository, String message, String hint, Throwable cause) {
        super(message, hint, cause);
        this.registry = registry;
        this.repository = repository;
    }

    /** The registry's host[:port]. */
    public String registry() {
        return registry;
    }

    public String repository() {
        return repository;
    }
}
