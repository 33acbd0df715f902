package dev.sandpod.image.registry;

/** The registry refused access (401/403 after authenticating). Never carries the password or a token. */
public final class RegistryUnauthorizedException extends RegistryException {
    private final boolean hadCredentials;

    public RegistryUnauthorizedException(String registry, String repository, boolean hadCredentials) {
        this(registry, repository, hadCredentials, null);
    }

    public RegistryUnauthorizedException(String registry, String repository, boolean hadCredentials, Throwable cause) {
        super(registry, repository,
                "registry " + registry + " refused access to repository " + repository + " (unauthorized)",
                hint(registry, hadCredentials), cause);
        this.hadCredentials = hadCredentials;
    }

    private static String hint(String registry, boolean hadCredentials) {
        if (hadCredentials) {
            return "the registry rejected the username or password in the secret you passed, or that user may not access "
                    + "this repository; recreate the secret with `sandpod secret create registry NAME --server " + registry
                    + " --username USER --password-stdin`";
        }
        return "create a secret with `sandpod secret create registry NAME --server " + registry
                + " --username USER --password-stdin` and pass `--secret NAME`";
    }

    /** Whether credentials were sent (and rejected), as opposed to none being available. */
    public boolean hadCredentials() {
        return hadCredentials;
    }
}
