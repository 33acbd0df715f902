package dev.sandpod.api.http;

import dev.sandpod.client.model.ApiError;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Jetty's own refusals, made before any route sees the request (a malformed request line or %-escape, an encoded '/'
 * in a name, headers or a URI too large, a broken chunked body), as the API's JSON errors instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = ApiJson.write(error(status, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Exchange.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** The body of an answer Jetty sends before there is a request at all (a request line it can't parse). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Exchange.JSON);
        return ByteBuffer.wrap(ApiJson.write(error(status, reason)));
    }

    static ApiError error(int status, String reason) {
        String what = reason == null || reason.isBlank() ? "status " + status : reason;
        return switch (status) {
            case 413 -> new ApiError("PayloadTooLarge", "the request body is too large (" + what + ")", "send a smaller body", Map.of());
            case 414 -> new ApiError("UriTooLong", "the request's URI is too long (" + what + ")",
                    "names and query parameters are short; send data in the body", Map.of());
            case 431 -> new ApiError("HeadersTooLarge", "the request's headers are too large (" + what + ")", "send fewer or shorter headers", Map.of());
            case 505 -> new ApiError("HttpVersionNotSupported", "the request is not HTTP/1.x (" + what + ")",
                    "speak HTTP/1.1, as curl --unix-socket does", Map.of());
            case 400 -> new ApiError("BadRequest", "the request is not one this API can read: " + what,
                    "check the request line, the %-escapes of the path (an encoded '/' is refused) and the body's framing", Map.of());
            default -> new ApiError(status >= 500 ? "Internal" : "BadRequest", "the request failed before reaching the API: " + what,
                    status >= 500 ? "the daemon's log has the details" : null, Map.of("status", status));
        };
    }
}
