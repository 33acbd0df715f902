package dev.sandpod.runtime;

/** A lifecycle operation asked of a container in a status that doesn't allow it (start of a stopped one...). */
public final class IllegalStateTransition extends ContainerException {
    private final String id;
    private final ContainerStatus status;

    public IllegalStateTransition(String id, ContainerStatus status, String operation) {
        super("can't " + operation + " container " + id + ": it is " + status.name().toLowerCase(java.util.Locale.ROOT),
                hintFor(operation), null);
        this.id = id;
        this.status = status;
    }

    private static String hintFor(String operation) {
        return switch (operation) {
            case "start" -> "only a created container can be started; create a new one";
            case "delete" -> "stop it first, or delete with force";
            default -> null;
        };
    }

    public String id() {
        return id;
    }

    public ContainerStatus status() {
        return status;
    }
}
