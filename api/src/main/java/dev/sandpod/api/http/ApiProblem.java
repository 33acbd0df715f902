package dev.sandpod.api.http;

import dev.sandpod.client.model.ApiError;

import java.util.Map;

/** A request the API refuses on its own account (bad JSON, unknown route, body too large), with its status. */
public final class ApiProblem extends Exception {
    private final int status;
    private final ApiError error;

    public ApiProblem(int status, String code, String message, String hint, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.error = new ApiError(code, message, hint, details);
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
