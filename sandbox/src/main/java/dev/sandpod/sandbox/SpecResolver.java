package dev.sandpod.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.runtime.RuntimeClass;
import dev.sandpod.runtime.RuntimeMissingException;

import java.nio.file.Files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges a run request with the image's config (Entrypoint, Cmd, Env, WorkingDir, User) into a {@link StoredSpec}. */
final class SpecResolver {
    private SpecResolver() {
    }

    /** Finds the container user for a {@code -u} value (or the image's User) in the image's own files. */
    @FunctionalInterface
    interface UserLookup {
        ContainerSpec.User user(String spec) throws InvalidRequestException;
    }

    /** Checks the form of the user only: for checking a request before its image is known. */
    static final UserLookup SYNTAX_ONLY = spec -> {
        if (!spec.isEmpty()) {
            ImageUsers.checkSyntax(spec);
        }
        return ContainerSpec.User.ROOT;
    };

    /** Resolves the user against {@code users}; an unknown name is an error naming the user and {@code image}. */
    static UserLookup in(ImageUsers users, String image) {
        return spec -> {
            try {
                return users.resolve(spec);
            } catch (ImageUsers.UnknownUserException e) {
                throw new InvalidRequestException("user", e.getMessage() + " of image " + image,
                        "use a user the image's /etc/passwd has, or a numeric uid[:gid]");
            }
        };
    }

    static StoredSpec resolve(RunRequest request, JsonNode imageConfig, UserLookup users) throws InvalidRequestException {
        JsonNode config = imageConfig.path("config");
        List<String> args = new ArrayList<>(request.args());
        if (args.isEmpty()) {
            config.path("Entrypoint").forEach(a -> args.add(a.asText()));
            config.path("Cmd").forEach(a -> args.add(a.asText()));
        }
        if (args.isEmpty()) {
            throw new InvalidRequestException("command", "the image has no Entrypoint or Cmd and no command was given",
                    "give the command after the image: sandpod run IMAGE -- CMD ARGS...");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : ContainerSpec.DEFAULT_ENV) {
            put(env, e);
        }
        config.path("Env").forEach(e -> put(env, e.asText()));
        for (String e : request.env()) {
            if (!e.contains("=") || e.startsWith("=")) {
                throw new InvalidRequestException("env", "'" + e + "' is not KEY=VALUE", "write it like -e KEY=VALUE");
            }
            put(env, e);
        }
        String cwd = request.workdir().orElse(config.path("WorkingDir").asText(""));
        if (cwd.isEmpty()) {
            cwd = "/";
        }
        if (!cwd.startsWith("/")) {
            throw new InvalidRequestException("workdir", "'" + cwd + "' is not an absolute path", "write it like /app");
        }
        ContainerSpec.User user = users.user(request.user().orElse(config.path("User").asText("")));
        ContainerSpec.Limits limits = LimitsParser.parse(request.memory(), request.cpus(), request.pids());
        List<StoredSpec.StoredMount> volumes = new ArrayList<>();
        for (String v : request.volumes()) {
            Volume volume = Volume.parse(v);
            volumes.add(new StoredSpec.StoredMount(volume.source().toString(), volume.destination(), volume.readOnly()));
        }
        RuntimeClass runtime = runtime(request.runtime().orElse("runc"));
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        return new StoredSpec(args, envList, cwd, user.uid(), user.gid(), request.readOnly(), volumes, request.capAdd(),
                request.capDrop(), StoredSpec.nullable(limits.memoryBytes()), StoredSpec.nullable(limits.cpuMillis()),
                StoredSpec.nullable(limits.pids()), runtime.id(), user.additionalGids());
    }

    /**
     * The runtime named, checked before anything is made: an unknown name or a binary that isn't installed is an
     * invalid request whose cause is the runtime's {@link RuntimeMissingException} (with its install hint).
     */
    static RuntimeClass runtime(String name) throws InvalidRequestException {
        try {
            RuntimeClass runtime = RuntimeClass.parse(name);
            if (!Files.isExecutable(runtime.binary())) {
                throw new RuntimeMissingException(runtime.id(), runtime.binary());
            }
            return runtime;
        } catch (RuntimeMissingException e) {
            throw new InvalidRequestException("runtime", e);
        }
    }

    private static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
    }
}
