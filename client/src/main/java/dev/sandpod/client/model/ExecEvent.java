package dev.sandpod.client.model;

/**
 * One event of a streamed exec ({@code "stream": true}), one JSON object a line: {@code started} (execId,
 * container, instance), then {@code stdout}/{@code stderr} chunks ({@code data} in base64) as they come, and last
 * {@code exit} (the {@code result}, with empty stdout/stderr since they were streamed) or {@code failed} (the exec
 * failed for the container's sake: {@code error} says why).
 */
public record ExecEvent(String type, String execId, String container, Integer instance, String data,
                        ExecCommandResult result, ApiError error) {
    public static ExecEvent started(String execId, String container, int instance) {
        return new ExecEvent("started", execId, container, instance, null, null, null);
    }

    public static ExecEvent output(String stream, String base64) {
        return new ExecEvent(stream, null, null, null, base64, null, null);
    }

    public static ExecEvent exit(ExecCommandResult result) {
        return new ExecEvent("exit", null, null, null, null, result, null);
    }

    public static ExecEvent failed(ApiError error) {
        return new ExecEvent("failed", null, null, null, null, null, error);
    }
}
