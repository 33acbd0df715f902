package dev.sandpod.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.client.http.DaemonAddress;
import dev.sandpod.client.http.HttpResponse;
import dev.sandpod.client.http.RequestBody;
import dev.sandpod.client.http.UnixHttp;
import dev.sandpod.client.model.ApiError;
import dev.sandpod.client.model.ArchiveResult;
import dev.sandpod.client.model.FileInfo;
import dev.sandpod.client.model.FileList;
import dev.sandpod.client.model.DebugContainerRequest;
import dev.sandpod.client.model.DebugContainerResult;
import dev.sandpod.client.model.ExecCommandRequest;
import dev.sandpod.client.model.ExecCommandResult;
import dev.sandpod.client.model.ExecEvent;
import dev.sandpod.client.model.LimitsInfo;
import dev.sandpod.client.model.UpdateLimitsRequest;
import dev.sandpod.client.model.EventInfo;
import dev.sandpod.client.model.EventList;
import dev.sandpod.client.model.LogEntry;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.client.model.RunSandboxResult;
import dev.sandpod.client.model.SandboxDetails;
import dev.sandpod.client.model.SandboxList;
import dev.sandpod.client.model.SandboxSummary;
import dev.sandpod.client.model.ImageDetails;
import dev.sandpod.client.model.ImageList;
import dev.sandpod.client.model.ImageSummary;
import dev.sandpod.client.model.LoadResult;
import dev.sandpod.client.model.PruneResult;
import dev.sandpod.client.model.PullEvent;
import dev.sandpod.client.model.PullRequest;
import dev.sandpod.client.model.PushEvent;
import dev.sandpod.client.model.PushRequest;
import dev.sandpod.client.model.RemoveResult;
import dev.sandpod.client.model.SaveRequest;
import dev.sandpod.client.model.TagRequest;
import dev.sandpod.client.model.SecretCreateRequest;
import dev.sandpod.client.model.SecretInfo;
import dev.sandpod.client.model.SecretList;
import dev.sandpod.client.model.VersionInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The sandpod daemon's API as Java calls, over its unix socket or its loopback TCP port. Thread-safe and cheap:
 * every call is one connection. Every failure is an {@link ApiException}: the daemon's JSON error with its code,
 * message and hint, or {@link DaemonUnreachableException} when no daemon answers.
 *
 * <pre>{@code
 * SandpodClient client = SandpodClient.connect(Path.of("/run/sandpod/sandpod.sock"));
 * ImageSummary image = client.pullImage(PullRequest.of("busybox:1.36"), event -> System.out.println(event));
 * }</pre>
 *
 * To start a daemon when none runs, see {@link DaemonLauncher}.
 */
public final class SandpodClient {
    /** The default root's socket; a root given with --root has its socket at ROOT/run/sandpod.sock. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/sandpod/sandpod.sock");
    private static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final UnixHttp http;

    private SandpodClient(UnixHttp http) {
        this.http = http;
    }

    /** A client of the daemon on this unix socket (ROOT/run/sandpod.sock; {@link #DEFAULT_SOCKET} for the default root). */
    public static SandpodClient connect(Path socket) {
        return new SandpodClient(new UnixHttp(socket));
    }

    /**
     * A client of a daemon started with {@code --listen HOST:PORT}, sending {@code token} (the content of the root's
     * daemon.token) with every request; a wrong or missing token is a 401 {@code Unauthorized}.
     */
    public static SandpodClient connectTcp(String host, int port, String token) {
        return new SandpodClient(new UnixHttp(DaemonAddress.tcp(host, port), Optional.of(token.strip())));
    }

    /** Where this client finds its daemon. */
    public DaemonAddress address() {
        return http.address();
    }

    public VersionInfo version() throws ApiException {
        return get("/v1/version", VersionInfo.class);
    }

    /** The OpenAPI 3.1 document the daemon serves. */
    public JsonNode openApi() throws ApiException {
        return get("/v1/openapi.json", JsonNode.class);
    }

    public List<ImageSummary> listImages() throws ApiException {
        return get("/v1/images", ImageList.class).images();
    }

    /** A stored image by name, digest or unique id prefix; {@code ImageNotFound} when there is none. */
    public ImageDetails inspectImage(String reference) throws ApiException {
        return get("/v1/images/" + Paths.encode(reference), ImageDetails.class);
    }

    /**
     * Pulls an image, handing every progress event to {@code progress} as it arrives (on this thread).
     *
     * @return the stored image
     * @throws ApiException the request was refused (bad reference, unknown secret: before any event), or the
     *                      pull failed (the stream's last event)
     */
    public ImageSummary pullImage(PullRequest request, Consumer<PullEvent> progress) throws ApiException {
        return followEvents("/v1/images/pull", request, PullEvent.class, event -> switch (event) {
            case PullEvent.Pulled pulled -> {
                progress.accept(event);
                yield Optional.of(pulled.image());
            }
            case PullEvent.Failed failed -> throw new ApiException(200, failed.error());
            default -> {
                progress.accept(event);
                yield Optional.empty();
            }
        });
    }

    /**
     * Pushes a stored image to the registry its name points at, handing every event to {@code progress} as it
     * arrives (on this thread).
     *
     * @return the manifest's digest in the registry
     * @throws ApiException the request was refused (bad reference, unknown image or secret: before any event), or the
     *                      push failed (the stream's last event)
     */
    public String pushImage(PushRequest request, Consumer<PushEvent> progress) throws ApiException {
        return followEvents("/v1/images/push", request, PushEvent.class, event -> switch (event) {
            case PushEvent.Pushed pushed -> {
                progress.accept(event);
                yield Optional.of(pushed.digest());
            }
            case PushEvent.Failed failed -> throw new ApiException(200, failed.error());
            default -> {
                progress.accept(event);
                yield Optional.empty();
            }
        });
    }

    /** What to do with one event of a stream: a result ends it. */
    @FunctionalInterface
    private interface EventHandler<E, R> {
        Optional<R> handle(E event) throws ApiException;
    }

    /** POSTs {@code request} and reads the NDJSON answer until an event gives the result; blank lines keep it alive. */
    private <E, R> R followEvents(String path, Object request, Class<E> type, EventHandler<E, R> handler) throws ApiException {
        try (HttpResponse response = send("POST", path, Optional.of(json(request)))) {
            checkStatus(response);
            BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Optional<R> result = handler.handle(MAPPER.readValue(line, type));
                if (result.isPresent()) {
                    return result.get();
                }
            }
            throw brokenOff(null);
        } catch (IOException e) {
            throw transport(e);
        }
    }

    /** Loads every image of an archive (docker save or OCI layout tar, maybe compressed), all or nothing. */
    public List<ImageSummary> loadImages(InputStream archive) throws ApiException {
        return call("POST", "/v1/images/load", Optional.of(RequestBody.stream("application/x-tar", archive)), LoadResult.class).images();
    }

    /**
     * As {@link #loadImages(InputStream)}, streamed from this process; the daemon's errors name the archive
     * {@code name} (a file name as the user gave it, say).
     */
    public List<ImageSummary> loadImages(InputStream archive, String name) throws ApiException {
        return call("POST", "/v1/images/load?name=" + Paths.encode(name), Optional.of(RequestBody.stream("application/x-tar", archive)),
                LoadResult.class).images();
    }

    /**
     * Writes stored images as one archive (OCI layout plus docker manifest.json) to {@code out} as it streams;
     * nothing is written when the daemon refuses (an unknown image, say).
     *
     * @throws ApiException the daemon refused, or broke the archive off (what was written is incomplete)
     * @throws IOException  writing to {@code out} failed
     */
    public void saveImages(List<String> references, OutputStream out) throws ApiException, IOException {
        try (HttpResponse response = send("POST", "/v1/images/save", Optional.of(json(new SaveRequest(references))))) {
            try {
                checkStatus(response);
            } catch (IOException e) {
                throw transport(e);
            }
            byte[] buffer = new byte[1 << 16];
            for (int n = readArchive(response, buffer); n >= 0; n = readArchive(response, buffer)) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** One read of an archive's body; the daemon closing it early is its failure, not the caller's output's. */
    private static int readArchive(HttpResponse response, byte[] buffer) throws ApiException {
        try {
            return response.body().read(buffer);
        } catch (IOException e) {
            throw new ApiException(0, new ApiError("StreamBrokenOff", "the daemon broke the archive off before its end: " + e.getMessage(),
                    "see the daemon's log (ROOT/daemon.log); what was written is incomplete", Map.of()), e);
        }
    }

    /** Gives a stored image another name; returns it with all its names. */
    public ImageSummary tagImage(String source, String target) throws ApiException {
        return call("POST", "/v1/images/tag", Optional.of(json(new TagRequest(source, target))), ImageSummary.class);
    }

    /** Removes a name; the image goes once no name is left. {@code force} removes it even if a sandbox uses it. */
    public List<String> removeImage(String reference, boolean force) throws ApiException {
        return call("DELETE", "/v1/images/" + Paths.encode(reference) + (force ? "?force=true" : ""), Optional.empty(),
                RemoveResult.class).removed();
    }

    public PruneResult pruneImages() throws ApiException {
        return call("POST", "/v1/images/prune", Optional.empty(), PruneResult.class);
    }

    public List<SecretInfo> listSecrets() throws ApiException {
        return get("/v1/secrets", SecretList.class).secrets();
    }

    public SecretInfo createSecret(SecretCreateRequest request) throws ApiException {
        return call("POST", "/v1/secrets", Optional.of(json(request)), SecretInfo.class);
    }

    public void removeSecret(String name) throws ApiException {
        call("DELETE", "/v1/secrets/" + Paths.encode(name), Optional.empty(), JsonNode.class);
    }

    /** Makes a sandbox and returns once its main container has started (pulling the image if needed). */
    public RunSandboxResult runSandbox(RunSandboxRequest request) throws ApiException {
        return call("POST", "/v1/sandboxes", Optional.of(json(request)), RunSandboxResult.class);
    }

    /** Every sandbox with its main container's state. */
    public List<SandboxSummary> listSandboxes() throws ApiException {
        return get("/v1/sandboxes", SandboxList.class).sandboxes();
    }

    /** A sandbox by name or id, its state read at the call, with its recent events; {@code SandboxNotFound} when none. */
    public SandboxDetails describeSandbox(String name) throws ApiException {
        return get("/v1/sandboxes/" + Paths.encode(name), SandboxDetails.class);
    }

    /**
     * Hands the main container's log lines to {@code each} as they arrive (on this thread).
     *
     * @param tail   the last this many lines; negative for all
     * @param follow keep streaming new lines until the container's instance ends
     */
    public void sandboxLogs(String name, int tail, boolean previous, boolean follow, Consumer<LogEntry> each)
            throws ApiException {
        sandboxLogs(name, Optional.empty(), tail, previous, follow, each);
    }

    /**
     * As {@link #sandboxLogs(String, int, boolean, boolean, Consumer)}, of one container of the sandbox (main or
     * debug, by name or id); empty: the main container. {@code SandboxContainerNotFound} when it has none of that name.
     */
    public void sandboxLogs(String name, Optional<String> container, int tail, boolean previous, boolean follow,
                            Consumer<LogEntry> each) throws ApiException {
        String path = "/v1/sandboxes/" + Paths.encode(name) + "/logs?previous=" + previous + "&follow=" + follow
                + (tail >= 0 ? "&tail=" + tail : "")
                + container.map(c -> "&container=" + Paths.encode(c)).orElse("");
        try (HttpResponse response = send("GET", path, Optional.empty())) {
            checkStatus(response);
            BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) { // a blank line keeps a quiet stream alive
                    each.accept(MAPPER.readValue(line, LogEntry.class));
                }
            }
        } catch (IOException e) {
            throw transport(e);
        }
    }

    /** Stops the sandbox's containers (SIGTERM, then SIGKILL after {@code graceSeconds}); it stays until removed. */
    public void stopSandbox(String name, int graceSeconds) throws ApiException {
        call("POST", "/v1/sandboxes/" + Paths.encode(name) + "/stop?grace=" + graceSeconds, Optional.empty(), JsonNode.class);
    }

    /** Removes everything the sandbox made; a running one needs {@code force}. */
    public void removeSandbox(String name, boolean force) throws ApiException {
        call("DELETE", "/v1/sandboxes/" + Paths.encode(name) + (force ? "?force=true" : ""), Optional.empty(), JsonNode.class);
    }

    /**
     * Starts an ephemeral debug container in a running sandbox's pod (its network, the target's PID namespace, its own
     * limits) and returns once it has started.
     */
    public DebugContainerResult debugSandbox(String name, DebugContainerRequest request) throws ApiException {
        return call("POST", "/v1/sandboxes/" + Paths.encode(name) + "/debug", Optional.of(json(request)),
                DebugContainerResult.class);
    }

    /** Stops a debug container (SIGTERM, SIGKILL after {@code graceSeconds}); the main container is refused (422). */
    public void stopContainer(String name, String container, int graceSeconds) throws ApiException {
        call("POST", "/v1/sandboxes/" + Paths.encode(name) + "/containers/" + Paths.encode(container)
                + "/stop?grace=" + graceSeconds, Optional.empty(), JsonNode.class);
    }

    /** Removes a debug container and all it made; a running one needs {@code force}; the main container is refused (422). */
    public void removeContainer(String name, String container, boolean force) throws ApiException {
        call("DELETE", "/v1/sandboxes/" + Paths.encode(name) + "/containers/" + Paths.encode(container)
                + (force ? "?force=true" : ""), Optional.empty(), JsonNode.class);
    }

    /** Changes the main container's limits (now, and for its restarts); returns the limits in force. */
    public LimitsInfo updateSandbox(String name, UpdateLimitsRequest request) throws ApiException {
        return call("POST", "/v1/sandboxes/" + Paths.encode(name) + "/update", Optional.of(json(request)), LimitsInfo.class);
    }

    /**
     * Events, oldest first.
     *
     * @param sandbox only this sandbox's; empty for every sandbox's
     * @param since   an ISO-8601 instant or an age like 10m; empty for all
     */
    public List<EventInfo> events(Optional<String> sandbox, Optional<String> since) throws ApiException {
        StringBuilder path = new StringBuilder("/v1/events");
        String sep = "?";
        if (sandbox.isPresent()) {
            path.append(sep).append("sandbox=").append(Paths.encode(sandbox.get()));
            sep = "&";
        }
        if (since.isPresent()) {
            path.append(sep).append("since=").append(Paths.encode(since.get()));
        }
        return get(path.toString(), EventList.class).events();
    }

    // Files of one container of a sandbox (its main container unless FileOptions.container names another), every
    // path resolved with the container's root as / (symlinks and .. never lead outside it). Streams both ways.

    /**
     * A regular file's bytes, following symlinks inside the container. Errors (not found, a directory, too large)
     * are thrown before the stream is returned; the caller closes it. A stream the daemon had to cut short (the file
     * grew past the limit while read) fails with an IOException rather than ending early.
     */
    public InputStream readFile(String name, String path, FileOptions options) throws ApiException {
        return openStream("GET", filesPath(name, "/files", path, options), Optional.empty());
    }

    /**
     * Writes {@code content} as the whole new file at {@code path} (streamed; a symlink there is replaced, not
     * followed), or changes nothing if the write fails.
     *
     * @return the file as written
     */
    public FileInfo writeFile(String name, String path, InputStream content, FileOptions options) throws ApiException {
        return call("PUT", filesPath(name, "/files", path, options),
                Optional.of(RequestBody.stream("application/octet-stream", content)), FileInfo.class);
    }

    /** What is at {@code path}; a symlink itself unless {@link FileOptions#withFollow()}. */
    public FileInfo statFile(String name, String path, FileOptions options) throws ApiException {
        return get(filesPath(name, "/files/stat", path, options), FileInfo.class);
    }

    /** A directory's entries, sorted by name. */
    public List<FileInfo> listFiles(String name, String path, FileOptions options) throws ApiException {
        return get(filesPath(name, "/files/list", path, options), FileList.class).entries();
    }

    /** Makes a directory ({@link FileOptions#withParents()}: and its missing parents, and an existing one is fine). */
    public FileInfo makeDirectory(String name, String path, FileOptions options) throws ApiException {
        return call("POST", filesPath(name, "/files/mkdir", path, options), Optional.empty(), FileInfo.class);
    }

    /** Removes a file, symlink or empty directory ({@link FileOptions#withRecursive()}: any directory). */
    public void removeFile(String name, String path, FileOptions options) throws ApiException {
        call("DELETE", filesPath(name, "/files", path, options), Optional.empty(), JsonNode.class);
    }

    /**
     * A tar stream of {@code path} (a file or a directory tree), named from its last component, or from {@code .}
     * when the path ends in {@code /.}, as Docker's archive API; the caller closes it.
     */
    public InputStream getArchive(String name, String path, FileOptions options) throws ApiException {
        return openStream("GET", filesPath(name, "/archive", path, options), Optional.empty());
    }

    /** Unpacks a tar stream (streamed) into the existing directory {@code directory} of the container. */
    public ArchiveResult putArchive(String name, String directory, InputStream tar, FileOptions options) throws ApiException {
        return call("PUT", filesPath(name, "/archive", directory, options),
                Optional.of(RequestBody.stream("application/x-tar", tar)), ArchiveResult.class);
    }

    private static String filesPath(String name, String route, String path, FileOptions options) {
        return "/v1/sandboxes/" + Paths.encode(name) + route + options.query(path);
    }

    /** A successful response's body as a stream the caller closes (which closes the connection). */
    private InputStream openStream(String method, String path, Optional<RequestBody> body) throws ApiException {
        HttpResponse response = send(method, path, body);
        try {
            checkStatus(response);
            return response.body();
        } catch (IOException e) {
            closeAfterFailure(response, e);
            throw transport(e);
        } catch (ApiException | RuntimeException e) {
            closeAfterFailure(response, e);
            throw e;
        }
    }

    private static void closeAfterFailure(HttpResponse response, Exception failure) {
        try {
            response.close();
        } catch (IOException close) {
            failure.addSuppressed(close);
        }
    }

    /** Asks the daemon to stop gracefully; it answers first, then stops. Containers keep running. */
    public void stopDaemon() throws ApiException {
        call("POST", "/v1/daemon/stop", Optional.empty(), JsonNode.class);
    }

    /**
     * Runs a command in a container of the sandbox and returns its result, whatever its exit code. The
     * container's failures (not running, restarted since {@code expectInstance}) are {@link ApiException}s.
     */
    public ExecCommandResult exec(String sandbox, ExecCommandRequest request) throws ApiException {
        JsonNode answer = call("POST", "/v1/sandboxes/" + Paths.encode(sandbox) + "/exec", Optional.of(json(request)),
                JsonNode.class);
        try {
            if (answer.has("code") && !answer.has("exitCode")) {
                // a long exec's answer was committed before the container failed it: the error is the body
                ApiError error = MAPPER.treeToValue(answer, ApiError.class);
                Object status = error.details().get("status");
                throw new ApiException(status instanceof Number n ? n.intValue() : 500, error);
            }
            return MAPPER.treeToValue(answer, ExecCommandResult.class);
        } catch (JsonProcessingException e) {
            throw transport(e);
        }
    }

    /**
     * Runs a command with its output streamed: {@code events} sees the started event, then each stdout and stderr
     * chunk as it comes; returns the result of the exit event. A daemon that stops mid-call is a
     * {@link DaemonUnreachableException}, never a result.
     */
    public ExecCommandResult execStreaming(String sandbox, ExecCommandRequest request, Consumer<ExecEvent> events)
            throws ApiException {
        return execStreaming(sandbox, request, Optional.empty(), events);
    }

    /**
     * As {@link #execStreaming(String, ExecCommandRequest, Consumer)}, with {@code stdin} streamed to the command
     * as it is read (on a second connection, once the exec has started); its end is the command's end of input.
     */
    public ExecCommandResult execStreaming(String sandbox, ExecCommandRequest request, Optional<InputStream> stdin,
                                           Consumer<ExecEvent> events) throws ApiException {
        String path = "/v1/sandboxes/" + Paths.encode(sandbox) + "/exec";
        ExecCommandRequest body = stdin.isPresent() ? request.withStreamedStdin() : request.streamed();
        Consumer<ExecEvent> feeding = stdin.isEmpty() ? events : event -> {
            if ("started".equals(event.type())) {
                Thread.ofVirtual().name("exec-" + event.execId() + "-stdin").start(() -> sendStdin(event.execId(), stdin.get()));
            }
            events.accept(event);
        };
        try (HttpResponse response = send("POST", path, Optional.of(json(body)))) {
            checkStatus(response);
            BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue; // keeps a quiet stream alive
                }
                ExecEvent event = MAPPER.readValue(line, ExecEvent.class);
                if ("failed".equals(event.type())) {
                    throw new ApiException(500, event.error());
                }
                feeding.accept(event);
                if ("exit".equals(event.type())) {
                    return event.result();
                }
            }
            throw brokenOff(null);
        } catch (IOException e) {
            throw transport(e);
        }
    }

    private void sendStdin(String execId, InputStream stdin) {
        try {
            call("POST", "/v1/execs/" + Paths.encode(execId) + "/stdin",
                    Optional.of(RequestBody.stream("application/octet-stream", stdin)), JsonNode.class);
        } catch (ApiException e) {
            // the exec ended before its input did: its result, not this, is what the caller gets
        }
    }

    /** Kills a running exec's whole process tree (its caller gets exit code 137). */
    public void killExec(String execId) throws ApiException {
        call("POST", "/v1/execs/" + Paths.encode(execId) + "/kill", Optional.empty(), JsonNode.class);
    }

    private <T> T get(String path, Class<T> type) throws ApiException {
        return call("GET", path, Optional.empty(), type);
    }

    private <T> T call(String method, String path, Optional<RequestBody> body, Class<T> type) throws ApiException {
        try (HttpResponse response = send(method, path, body)) {
            checkStatus(response);
            return MAPPER.readValue(response.body(), type);
        } catch (IOException e) {
            throw transport(e);
        }
    }

    private HttpResponse send(String method, String path, Optional<RequestBody> body) throws ApiException {
        try {
            return http.send(method, path, Map.of("Accept", JSON), body);
        } catch (SocketException | java.nio.channels.ClosedChannelException | java.io.FileNotFoundException e) {
            throw new DaemonUnreachableException(http.address(), e);
        } catch (IOException e) {
            throw transport(e);
        }
    }

    private static void checkStatus(HttpResponse response) throws ApiException, IOException {
        if (response.status() < 400) {
            return;
        }
        byte[] bytes = response.readAll();
        ApiError error;
        try {
            error = MAPPER.readValue(bytes, ApiError.class);
        } catch (JsonProcessingException e) {
            error = new ApiError("ProtocolError", "the daemon answered " + response.status() + " without a JSON error: "
                    + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8), null, Map.of());
        }
        if (error.code() == null || error.message() == null) {
            error = new ApiError("ProtocolError", "the daemon answered " + response.status() + " with an error that has no code or message",
                    null, Map.of());
        }
        throw new ApiException(response.status(), error);
    }

    private ApiException transport(IOException e) {
        if (e instanceof JsonProcessingException json) {
            return new ApiException(0, new ApiError("ProtocolError", "the daemon's answer is not what this client expects: "
                    + json.getOriginalMessage(), "use a client and a daemon of the same sandpod version", Map.of()), e);
        }
        if (e instanceof java.net.ConnectException || e instanceof java.nio.file.NoSuchFileException) {
            return new DaemonUnreachableException(http.address(), e);
        }
        return brokenOff(e);
    }

    private ApiException brokenOff(IOException cause) {
        return new DaemonUnreachableException(http.address(), cause == null ? new IOException("the response ended early") : cause);
    }

    private static RequestBody json(Object value) {
        try {
            return RequestBody.bytes(JSON, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a request record always serialises", e);
        }
    }
}
