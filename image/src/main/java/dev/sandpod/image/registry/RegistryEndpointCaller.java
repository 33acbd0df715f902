package dev.sandpod.image.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLException;

/**
 * Calls endpoints of one registry. The only place that knows about HTTP: scheme, authentication
 * (Basic and Bearer tokens, cached per scope), redirects, time-outs and mapping failures to typed exceptions.
 * Thread-safe: its only mutable state is the token cache and a learned "wants Basic" flag.
 */
final class RegistryEndpointCaller {
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final RegistryEndpoint registry;
    private final Optional<Credentials> credentials;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final String userAgent;
    private final ConcurrentMap<String, String> tokens = new ConcurrentHashMap<>();
    private volatile boolean wantsBasic;

    RegistryEndpointCaller(RegistryEndpoint registry, Optional<Credentials> credentials, Duration connectTimeout,
                           Duration readTimeout, String userAgent) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.userAgent = userAgent;
    }

    /** Calls an endpoint of the registry, authenticating once if it answers 401. */
    <T> T call(RegistryEndpointProvider<T> endpoint) throws RegistryException {
        String scope = "repository:" + endpoint.repository() + ":" + endpoint.actions();
        URI origin = registry.uri("/");
        Optional<String> authorization = cachedAuthorization(scope);
        RegistryResponse response = send(endpoint, authorization, origin);
        if (response.status() == 401) {
            List<AuthChallenge> challenges = AuthChallenge.parse(response.headers("WWW-Authenticate"));
            response.close();
            authorization = Optional.of(authorize(challenges, scope, endpoint.repository()));
            response = send(endpoint, authorization, origin);
        }
        if (response.status() == 401 || response.status() == 403) {
            response.close();
            throw unauthorized(endpoint.repository());
        }
        return finish(endpoint, response);
    }

    private Optional<String> cachedAuthorization(String scope) {
        String token = tokens.get(scope);
        if (token != null) {
            return Optional.of("Bearer " + token);
        }
        if (wantsBasic) {
            return credentials.map(Credentials::basicAuthorization);
        }
        return Optional.empty();
    }

    /** Answers a 401's challenges: a Bearer token from the realm if offered, else Basic credentials. */
    private String authorize(List<AuthChallenge> challenges, String scope, String repository) throws RegistryException {
        Optional<AuthChallenge> bearer = challenges.stream()
                .filter(c -> c.is("Bearer") && c.param("realm").isPresent()).findFirst();
        if (bearer.isPresent()) {
            String token = fetchToken(bearer.get(), scope, repository);
            tokens.put(scope, token);
            return "Bearer " + token;
        }
        if (challenges.stream().anyMatch(c -> c.is("Basic")) && credentials.isPresent()) {
            wantsBasic = true;
            return credentials.get().basicAuthorization();
        }
        throw unauthorized(repository);
    }

    private String fetchToken(AuthChallenge bearer, String scope, String repository) throws RegistryException {
        URI realm;
        try {
            realm = URI.create(bearer.param("realm").orElseThrow());
        } catch (IllegalArgumentException e) {
            throw new RegistryProtocolException(registry.host(), repository,
                    "registry " + registry.host() + " named an invalid token realm", "the registry's auth setup is broken");
        }
        TokenFetcher fetcher = new TokenFetcher(registry, realm, bearer.param("service"), scope, repository);
        URI origin = fetcher.target(registry);
        // Basic credentials go to the token server only over TLS, or where plain HTTP is already accepted.
        boolean mayCarryCredentials = "https".equals(realm.getScheme()) || registry.plainHttp()
                || (realm.getRawAuthority() != null && RegistryEndpoint.isLoopback(realm.getRawAuthority()));
        Optional<String> authorization = mayCarryCredentials ? credentials.map(Credentials::basicAuthorization) : Optional.empty();
        RegistryResponse response = send(fetcher, authorization, origin);
        if (response.status() == 401 || response.status() == 403) {
            response.close();
            throw unauthorized(repository);
        }
        return finish(fetcher, response);
    }

    /**
     * Sends one request, following redirects for GET and HEAD. Authorization goes only to {@code origin}'s
     * scheme and authority, so a redirect to a blob store on another host never sees the registry's credentials.
     */
    private RegistryResponse send(RegistryEndpointProvider<?> endpoint, Optional<String> authorization, URI origin)
            throws RegistryException {
        URI uri = endpoint.target(registry);
        for (int hop = 0; ; hop++) {
            boolean sameOrigin = Objects.equals(uri.getScheme(), origin.getScheme())
                    && Objects.equals(uri.getRawAuthority(), origin.getRawAuthority());
            HttpURLConnection connection = open(uri, endpoint, sameOrigin ? authorization : Optional.empty());
            int status = exchange(connection, uri, endpoint);
            boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
            if (!redirect || !(endpoint.method().equals("GET") || endpoint.method().equals("HEAD"))) {
                return new RegistryResponse(connection, status, uri);
            }
            String location = connection.getHeaderField("Location");
            new RegistryResponse(connection, status, uri).close();
            if (location == null || hop >= MAX_REDIRECTS) {
                throw new RegistryProtocolException(registry.host(), endpoint.repository(),
                        "registry " + registry.host() + " sent " + (location == null ? "a redirect without a Location"
                                : "more than " + MAX_REDIRECTS + " redirects") + " for " + endpoint.what(),
                        "the registry or a proxy in front of it is misconfigured");
            }
            uri = resolve(uri, location, endpoint);
        }
    }

    private URI resolve(URI base, String location, RegistryEndpointProvider<?> endpoint) throws RegistryProtocolException {
        try {
            return base.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new RegistryProtocolException(registry.host(), endpoint.repository(),
                    "registry " + registry.host() + " redirected " + endpoint.what() + " to an invalid location",
                    "the registry or a proxy in front of it is misconfigured");
        }
    }

    private HttpURLConnection open(URI uri, RegistryEndpointProvider<?> endpoint, Optional<String> authorization)
            throws RegistryException {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            c.setReadTimeout(Math.toIntExact(readTimeout.toMillis()));
            c.setRequestMethod(endpoint.method());
            c.setRequestProperty("User-Agent", userAgent);
            if (!endpoint.accept().isEmpty()) {
                c.setRequestProperty("Accept", String.join(", ", endpoint.accept()));
            }
            for (RegistryEndpointProvider.Header h : endpoint.headers()) {
                c.setRequestProperty(h.name(), h.value());
            }
            authorization.ifPresent(a -> c.setRequestProperty("Authorization", a));
            return c;
        } catch (IOException | IllegalArgumentException e) {
            throw new RegistryProtocolException(registry.host(), endpoint.repository(),
                    "cannot call " + uri.getScheme() + "://" + uri.getRawAuthority() + " for " + endpoint.what() + ": " + e.getMessage(),
                    "the registry sent a location this client can't use");
        }
    }

    /** Writes the body, if any, and reads the status line. */
    private int exchange(HttpURLConnection c, URI uri, RegistryEndpointProvider<?> endpoint) throws RegistryException {
        try {
            Optional<RequestBody> body = endpoint.body();
            if (body.isPresent()) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", body.get().contentType());
                c.setFixedLengthStreamingMode(body.get().length());
                try (InputStream in = openLocal(body.get()); OutputStream out = c.getOutputStream()) {
                    in.transferTo(out);
                }
            }
            return c.getResponseCode();
        } catch (IOException e) {
            c.disconnect();
            throw unavailable(e, uri, endpoint.repository());
        }
    }

    /** Local read failures are not the registry's fault: they escape unchecked and the client rethrows them. */
    private static InputStream openLocal(RequestBody body) {
        try {
            InputStream in = body.content().get();
            return new InputStream() {
                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    try {
                        return in.read(b, off, len);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T finish(RegistryEndpointProvider<T> endpoint, RegistryResponse response) throws RegistryException {
        if (!endpoint.accepts(response.status())) {
            try (response) {
                throw errorFor(endpoint, response);
            }
        }
        boolean keepOpen = false;
        try {
            T result = endpoint.handle(response);
            keepOpen = endpoint.keepsResponseOpen();
            return result;
        } catch (IOException e) {
            throw unavailable(e, response.uri(), endpoint.repository());
        } finally {
            if (!keepOpen) {
                response.close();
            }
        }
    }

    private RegistryException errorFor(RegistryEndpointProvider<?> endpoint, RegistryResponse response) {
        RegistryErrors errors;
        try {
            errors = RegistryErrors.parse(response.readBody(MAX_ERROR_BODY));
        } catch (IOException e) {
            // The status alone still says what went wrong; the body would only have added detail.
            errors = RegistryErrors.parse(new byte[0]);
        }
        int status = response.status();
        String repository = endpoint.repository();
        if (status == 401 || status == 403 || errors.hasCode("UNAUTHORIZED") || errors.hasCode("DENIED")) {
            return unauthorized(repository);
        }
        String detail = errors.summary().isEmpty() ? "" : ": " + errors.summary();
        if (status == 404 || errors.hasCode("MANIFEST_UNKNOWN") || errors.hasCode("NAME_UNKNOWN") || errors.hasCode("BLOB_UNKNOWN")) {
            return new RegistryNotFoundException(registry.host(), repository, endpoint.what(), errors.firstCode().orElse(""));
        }
        if (status >= 500 || status == 429) {
            return new RegistryUnavailableException(registry.host(), repository,
                    "registry " + registry.host() + " answered " + status + " to " + endpoint.method() + " " + endpoint.what() + detail,
                    status == 429 ? "the registry is rate-limiting requests; wait and try again"
                            : "the registry failed on its side; try again later or ask its operator", null);
        }
        return new RegistryProtocolException(registry.host(), repository,
                "registry " + registry.host() + " rejected " + endpoint.method() + " " + endpoint.what() + " with status " + status + detail,
                "the registry did not accept the request; its message above may say why");
    }

    private RegistryUnauthorizedException unauthorized(String repository) {
        return new RegistryUnauthorizedException(registry.host(), repository, credentials.isPresent());
    }

    private RegistryUnavailableException unavailable(IOException e, URI uri, String repository) {
        String who = uri.getRawAuthority() == null || uri.getRawAuthority().equals(registry.host())
                ? "registry " + registry.host() : "host " + uri.getRawAuthority() + " (for registry " + registry.host() + ")";
        String message;
        String hint;
        if (e instanceof ConnectException) {
            message = who + " refused the connection";
            hint = "check that the registry is running and listens on that address and port";
        } else if (e instanceof SocketTimeoutException) {
            boolean connecting = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            message = connecting ? who + " could not be reached within " + format(connectTimeout)
                    : who + " did not answer within " + format(readTimeout);
            hint = "the registry or the network to it is stuck or overloaded; try again later";
        } else if (e instanceof SSLException) {
            message = "TLS connection to " + who + " failed: " + e.getMessage();
            hint = "if " + registry.host() + " serves plain HTTP, mark it insecure in sandpod's config (insecure registries); "
                    + "if it uses a private CA, add that CA to the trust store";
        } else if (e instanceof UnknownHostException) {
            message = who + " could not be resolved";
            hint = "check the registry host name and this machine's DNS";
        } else {
            message = "could not talk to " + who + ": " + e;
            hint = "check the registry address; the connection broke off";
        }
        return new RegistryUnavailableException(registry.host(), repository, message, hint, e);
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
