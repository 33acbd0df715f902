package dev.sandpod.sandbox;

/** A request field that can't be used as given; {@link #field()} names it as the user wrote it (memory, cpus, ...). */
public final class InvalidRequestException extends SandboxException {
    private final String field;

    public InvalidRequestException(String field, String message, String hint) {
        super(field + ": " + message, hint, null);
        this.field = field;
    }

    /** As {@link #InvalidRequestException(String, String, String)}, keeping the typed failure that caused it. */
    public InvalidRequestException(String field, Exception cause) {
        super(field + ": " + cause.getMessage(),
                cause instanceof dev.sandpod.core.SandpodException s ? s.hint().orElse(null) : null, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
