package dev.sandpod.sandbox;

/** A run asked for a name another sandbox of this root already has; nothing was made. */
public final class NameInUseException extends SandboxException {
    private final String name;

    public NameInUseException(String name) {
        super("the name " + name + " is already in use by a sandbox",
                "remove that sandbox (`sandpod rm " + name + "`) or pick another --name", null);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
