package dev.sandpod.runtime.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.runtime.RuncFailedException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The runtime's reasons for an exec that never ran, sorted as Docker sorts them: the command's own fault (127
 * not found, 126 can't be executed or can't start in its cwd) or the container's (gone, stopped), which is no
 * result of the command at all.
 */
public final class StartFailures {
    private static final List<String> CONTAINER_GONE = List.of("container does not exist", "stopped",
            "not running", "paused", "no such container");

    private static final ObjectMapper JSON = new ObjectMapper();

    private StartFailures() {
    }

    /** Whether the reason says the container itself can't take an exec (an infrastructure failure). */
    public static boolean containerGone(String reason) {
        String text = reason.toLowerCase(Locale.ROOT);
        return !text.contains("unable to start container process") && CONTAINER_GONE.stream().anyMatch(text::contains);
    }

    public static int exitCode(String reason) {
        if (reason.contains("chdir to cwd")) {
            return ExecResult.CANNOT_EXECUTE; // the working directory, not the command, is missing
        }
        int code = RuncFailedException.exitCodeFor(reason);
        return code == ExecResult.NOT_FOUND ? ExecResult.NOT_FOUND : ExecResult.CANNOT_EXECUTE;
    }

    /** The last error-level message of a runc JSON log (one object a line), if any. */
    public static Optional<String> lastError(List<String> jsonLogLines) {
        Optional<String> found = Optional.empty();
        for (String line : jsonLogLines) {
            try {
                JsonNode entry = JSON.readTree(line);
                String level = entry.path("level").asText("");
                if (level.equals("error") || level.equals("fatal")) {
                    found = Optional.of(entry.path("msg").asText(line));
                }
            } catch (JsonProcessingException notJson) {
                // runsc and older runc versions mix plain lines in: they carry no level to go by
            }
        }
        return found;
    }

    /**
     * runsc's reason for an exec that never ran: it exits 128 and says so on stderr ("error finding executable",
     * "permission denied"), where a command's own 128 says nothing of the kind.
     */
    public static Optional<String> runsc(int exit, byte[] stderr) {
        if (exit != 128) {
            return Optional.empty();
        }
        String text = new String(stderr, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.contains("executing processes for container") ? Optional.of(text.lines().reduce((a, b) -> b).orElse(text))
                : Optional.empty();
    }
}
