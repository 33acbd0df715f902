package dev.sandpod.sandbox;

/** The state database failed, or the sandbox is in a state that forbids the operation. */
public final class SandboxStateException extends SandboxException {
    public SandboxStateException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }

    static SandboxStateException db(String doing, java.sql.SQLException e) {
        return new SandboxStateException("state database failed while " + doing + ": " + e.getMessage(),
                "check the state root; `sandpod doctor` repairs what it can", e);
    }
}
