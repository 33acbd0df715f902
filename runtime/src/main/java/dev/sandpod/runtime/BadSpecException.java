package dev.sandpod.runtime;

/** A container spec sandpod can't turn into an OCI config: names the field and what is wrong with it. */
public final class BadSpecException extends ContainerException {
    private final String field;

    public BadSpecException(String field, String problem) {
        super("bad container spec: " + field + ": " + problem, "fix " + field + " in the container's spec", null);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
