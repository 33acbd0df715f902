package dev.sandpod.api.http;

import dev.sandpod.client.model.ApiError;

import java.util.List;
import java.util.Map;

/** A request the API refuses on its own account (bad JSON, unknown route, body too large), with its status. */
public final class ApiProblem extends Exception {
    private final int status;
    private final ApiError error;
    private final Map<String, String> headers;

    public ApiProblem(int status, String code, String message, String hint, Map<String, Object> details) {
        this(status, new ApiError(code, message, hint, details), Map.of());
    }

    private ApiProblem(int status, ApiError error, Map<String, String> headers) {
        super(error.message());
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    /** Headers the answer must carry (Allow, for a 405). */
    public Map<String, String> headers() {
        return headers;
    }

    /** 405 with the Allow header HTTP asks for. */
    public static ApiProblem methodNotAllowed(String method, String path, List<String> allowed) {
        return new ApiProblem(405, new ApiError("MethodNotAllowed", method + " is not allowed on " + path,
                "use " + String.join(" or ", allowed), Map.of("allowed", allowed)), Map.of("Allow", String.join(", ", allowed)));
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public static ApiProblem badRequest(String code, String message, String hint, Map<String, Object> details) {
        return new ApiProblem(400, code, message, hint, details);
    }

    public static ApiProblem missingField(String field) {
        return badRequest("MissingField", "the request has no field '" + field + "'", "add \"" + field + "\" to the JSON body",
                Map.of("field", field));
    }

    public static ApiProblem tooLarge(long limit) {
        return new ApiProblem(413, "PayloadTooLarge", "the request body is larger than " + limit + " bytes",
                "send a smaller body", Map.of("limit", limit));
    }
}
