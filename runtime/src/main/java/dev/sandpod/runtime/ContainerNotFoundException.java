package dev.sandpod.runtime;

/** No container with this id exists for this sandpod root. */
public final class ContainerNotFoundException extends ContainerException {
    private final String id;

    public ContainerNotFoundException(String id) {
        super("no container " + id, "list the containers of this root; it may have been removed", null);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
