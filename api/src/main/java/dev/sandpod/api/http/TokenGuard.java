package dev.sandpod.api.http;

import dev.sandpod.api.DaemonToken;
import dev.sandpod.client.model.ApiError;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * Lets requests that came in on the TCP listener through only with {@code Authorization: Bearer TOKEN}; the others
 * get a 401 JSON error before any operation sees them. The unix socket's requests pass untouched: its file mode
 * (0660) is what guards it.
 */
public final class TokenGuard extends Handler.Wrapper {
    private static final String BEARER = "bearer ";
    private final Connector guarded;
    private final DaemonToken token;

    public TokenGuard(Connector guarded, DaemonToken token, Handler next) {
        super(next);
        this.guarded = guarded;
        this.token = token;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (request.getConnectionMetaData().getConnector() != guarded || authorized(request)) {
            return super.handle(request, response, callback);
        }
        ApiError error = new ApiError("Unauthorized", "this API listener needs the daemon's bearer token",
                "send `Authorization: Bearer TOKEN` with the token in " + token.file() + " (readable by its owner only)", Map.of());
        byte[] body = ApiJson.write(error);
        response.setStatus(401);
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"sandpod\"");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Exchange.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        DaemonLog.info(request.getMethod() + " " + Request.getPathInContext(request) + " 401 (TCP, no valid token, from "
                + Request.getRemoteAddr(request) + ")");
        return true;
    }

    private boolean authorized(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return false;
        }
        return token.matches(header.substring(BEARER.length()).strip());
    }
}
