package dev.sandpod.sandbox;

import java.util.Locale;

/** When an exited container is started again, as Docker's --restart and Kubernetes' restartPolicy. */
public enum RestartPolicy {
    ALWAYS, ON_FAILURE, NEVER;

    /** always, on-failure or never (any case; Kubernetes' OnFailure too). */
    public static RestartPolicy parse(String text) throws InvalidRequestException {
        return switch (text.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "always" -> ALWAYS;
            case "onfailure" -> ON_FAILURE;
            case "never", "no" -> NEVER;
            default -> throw new InvalidRequestException("restart", "'" + text + "' is not a restart policy",
                    "use always, on-failure or never");
        };
    }

    /** Whether a container that exited this way is restarted; an OOM kill counts as a failure. */
    public boolean restarts(int exitCode, boolean oomKilled) {
        return switch (this) {
            case ALWAYS -> true;
            case ON_FAILURE -> exitCode != 0 || oomKilled;
            case NEVER -> false;
        };
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
