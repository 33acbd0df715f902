package dev.sandpod.sandbox;

/** No sandbox has this name (or id). */
public final class SandboxNotFoundException extends SandboxException {
    private final String name;

    public SandboxNotFoundException(String name) {
        super("no sandbox named " + name, "list the sandboxes with `sandpod ps -a`", null);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
