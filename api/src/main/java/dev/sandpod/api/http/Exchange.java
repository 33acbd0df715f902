package dev.sandpod.api.http;

import dev.sandpod.client.model.ApiError;
import dev.sandpod.client.model.PullEvent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request and its answer, as operations see them: path and query parameters, a size-limited body, a
 * JSON answer or an NDJSON stream. Keeps Jetty's types out of the operations.
 */
public final class Exchange {
    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String TAR = "application/x-tar";
    private final Request request;
    private final Response response;
    private final long jsonLimit;
    private Map<String, String> params = Map.of();
    private OutputStream out;
    private NdjsonStream stream;
    private Function<ApiError, Object> streamFailure;
    private LimitedInputStream body;

    Exchange(Request request, Response response, long jsonLimit) {
        this.request = request;
        this.response = response;
        this.jsonLimit = jsonLimit;
    }

    void params(Map<String, String> params) {
        this.params = Map.copyOf(params);
    }

    public String pathParam(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        Fields fields = Request.extractQueryParameters(request);
        return Optional.ofNullable(fields.getValue(name));
    }

    /** A boolean query parameter: absent is false; anything but true/false is a 400 naming it. */
    public boolean flag(String name) throws ApiProblem {
        Optional<String> value = query(name);
        if (value.isEmpty() || value.get().equals("false")) {
            return false;
        }
        if (value.get().equals("true") || value.get().isEmpty()) {
            return true;
        }
        throw ApiProblem.badRequest("InvalidParameter", "query parameter '" + name + "' must be true or false",
                null, Map.of("parameter", name));
    }

    /** The body parsed as {@code type}, refused with 413 past the JSON limit. */
    public <T> T readJson(Class<T> type) throws ApiProblem {
        return readJson(type, jsonLimit);
    }

    /** As {@link #readJson(Class)} with a limit of the operation's own (an exec's inline stdin). */
    public <T> T readJson(Class<T> type, long limit) throws ApiProblem {
        byte[] bytes;
        try (InputStream in = body(limit)) {
            bytes = in.readAllBytes();
        } catch (BodyTooLargeException e) {
            throw ApiProblem.tooLarge(e.limit());
        } catch (IOException e) {
            // cut short by the client, or broken chunk framing: the caller's request, not the daemon, is at fault
            throw ApiProblem.badRequest("IncompleteBody", "the request body could not be read to its end: " + e.getMessage(),
                    "send the whole body, with a Content-Length or valid chunked framing", Map.of());
        }
        return ApiJson.read(bytes, type);
    }

    /**
     * The body as a stream that fails once past {@code limit}; a declared Content-Length over it is refused
     * with 413 before a byte is read.
     */
    public InputStream body(long limit) throws ApiProblem {
        long declared = request.getLength();
        if (declared > limit) {
            throw ApiProblem.tooLarge(limit);
        }
        body = new LimitedInputStream(Content.Source.asInputStream(request), limit);
        return body;
    }

    /** The body's length as the request declares it (Content-Length); empty when chunked. */
    public java.util.OptionalLong declaredLength() {
        long declared = request.getLength();
        return declared >= 0 ? java.util.OptionalLong.of(declared) : java.util.OptionalLong.empty();
    }

    /**
     * A raw answer body (file bytes, a tar stream), sent chunked. The status and content type go out with the first
     * byte written (or at {@link RawStream#start()}), so a failure before that is still answered as a JSON error;
     * a failure after it cuts the connection, and the client sees a broken stream rather than a short one.
     */
    public RawStream rawStream(int status, String contentType) {
        return new RawStream(() -> {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            // chunked even when the client asked to close (the Java client does): an end without the last chunk is
            // then a broken stream to the client, where a close-delimited body would just look shorter
            response.getHeaders().put(HttpHeader.TRANSFER_ENCODING, "chunked");
            return output();
        });
    }

    /** The 413 to answer if the body went past its limit, however the operation reported that. */
    Optional<ApiProblem> bodyOverflow() {
        return body != null && body.overflowed() ? Optional.of(ApiProblem.tooLarge(body.limit())) : Optional.empty();
    }

    /** Sets a header of the answer (before it starts). */
    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }

    public void respond(int status, Object body) throws IOException {
        byte[] bytes = ApiJson.write(body);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().remove(HttpHeader.TRANSFER_ENCODING); // a raw stream that never sent a byte set it
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        output().write(bytes);
    }

    /**
     * Commits a 200 JSON answer whose body comes later: leading whitespace (valid JSON) written while a long call
     * runs tells whether the client is still there. Errors after this are the body's to carry.
     */
    public OutputStream jsonLater() {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        return output();
    }

    /** Starts a 200 NDJSON stream; errors after this point are sent as the stream's last event, a pull's {@code failed}. */
    public NdjsonStream stream() {
        return stream(PullEvent.Failed::new);
    }

    /**
     * Starts a 200 NDJSON stream; an error after this point is sent as the stream's last event, {@code failure}
     * of the error (each stream has its own {@code failed} event).
     */
    public NdjsonStream stream(Function<ApiError, Object> failure) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, NDJSON);
        stream = new NdjsonStream(output());
        streamFailure = failure;
        return stream;
    }

    Optional<NdjsonStream> openStream() {
        return Optional.ofNullable(stream);
    }

    /** The event that ends an open stream with this error. */
    Object streamFailure(ApiError error) {
        return streamFailure.apply(error);
    }

    /**
     * A 200 answer of {@code contentType} written as a stream (an archive, say). Nothing is committed before the
     * first byte, so a failure before it is still a JSON error; a failure after it breaks the answer off (the
     * client sees a body without its end, never a short one that looks whole).
     */
    public OutputStream binary(String contentType) {
        return new OutputStream() {
            private OutputStream target() {
                if (out == null) {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
                }
                return output();
            }

            @Override
            public void write(int b) throws IOException {
                target().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                target().write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                if (out != null) {
                    out.flush();
                }
            }
        };
    }

    /** Whether the status line has gone out: until then a failure can still be answered as a JSON error. */
    boolean committed() {
        return response.isCommitted();
    }

    private OutputStream output() {
        if (out == null) {
            out = Content.Sink.asOutputStream(response);
        }
        return out;
    }

    /** Ends the response (writes the last chunk). */
    void finish() throws IOException {
        output().close();
    }
}
