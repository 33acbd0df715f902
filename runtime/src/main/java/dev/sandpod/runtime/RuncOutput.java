package dev.sandpod.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing what runc and conmon print: runc state JSON, runc's error lines, conmon's sync-pipe message. */
final class RuncOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEXT_MSG = Pattern.compile("msg=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private RuncOutput() {
    }

    record RuncState(String status, long pid, String bundle) {
    }

    static RuncState state(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        return new RuncState(node.path("status").asText(), node.path("pid").asLong(), node.path("bundle").asText());
    }

    static ContainerStatus status(String runcStatus) {
        return switch (runcStatus) {
            case "creating", "created" -> ContainerStatus.CREATED;
            case "running" -> ContainerStatus.RUNNING;
            case "paused" -> ContainerStatus.PAUSED;
            case "stopped" -> ContainerStatus.EXITED;
            default -> ContainerStatus.UNKNOWN;
        };
    }

    /** runc's error message from its stderr (text log format: {@code level=error msg="..."}) or JSON log lines. */
    static String error(String output) {
        String last = null;
        for (String line : output.strip().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("{")) {
                try {
                    JsonNode node = JSON.readTree(line);
                    if (node.has("msg")) {
                        last = node.get("msg").asText();
                    }
                    continue;
                } catch (IOException notJson) {
                    // fall through
                }
            }
            Matcher m = TEXT_MSG.matcher(line);
            last = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", "\n") : line.strip();
        }
        return last == null ? "(runc printed nothing)" : last.strip();
    }

    static boolean notFound(String runcError) {
        return runcError.contains("does not exist") || runcError.contains("not found");
    }

    /** conmon's sync message {@code {"data": PID}} or {@code {"data": -1, "message": "..."}}. */
    record SyncMessage(long data, Optional<String> message) {
    }

    static SyncMessage sync(String json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (node == null || !node.has("data")) {
            throw new IOException("conmon sent no sync message: '" + json + "'");
        }
        return new SyncMessage(node.get("data").asLong(),
                node.hasNonNull("message") ? Optional.of(node.get("message").asText()) : Optional.empty());
    }
}
