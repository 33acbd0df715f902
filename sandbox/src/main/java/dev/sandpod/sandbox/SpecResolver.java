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

    static StoredSpec resolve(RunRequest request, JsonNode imageConfig) throws InvalidRequestException {
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
        long[] user = user(request.user().orElse(config.path("User").asText("")));
        ContainerSpec.Limits limits = LimitsParser.parse(request.memory(), request.cpus(), request.pids());
        List<StoredSpec.StoredMount> volumes = new ArrayList<>();
        for (String v : request.volumes()) {
            Volume volume = Volume.parse(v);
            volumes.add(new StoredSpec.StoredMount(volume.source().toString(), volume.destination(), volume.readOnly()));
        }
        RuntimeClass runtime = runtime(request.runtime().orElse("runc"));
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        return new StoredSpec(args, envList, cwd, user[0], user[1], request.readOnly(), volumes, request.capAdd(),
                request.capDrop(), StoredSpec.nullable(limits.memoryBytes()), StoredSpec.nullable(limits.cpuMillis()),
                StoredSpec.nullable(limits.pids()), runtime.id());
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

    /** uid[:gid] as numbers, or root; names other than root need the image's /etc/passwd, not read yet. */
    static long[] user(String text) throws InvalidRequestException {
        if (text.isEmpty() || text.equals("root") || text.equals("root:root")) {
            return new long[] {0, 0};
        }
        String[] parts = text.split(":", -1);
        try {
            long uid = Long.parseLong(parts[0]);
            long gid = parts.length > 1 ? Long.parseLong(parts[1]) : uid;
            if (parts.length > 2 || uid < 0 || gid < 0) {
                throw new NumberFormatException(text);
            }
            return new long[] {uid, gid};
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("user", "'" + text + "' is not uid[:gid]",
                    "give numbers like 1000:1000; user names other than root are not resolved yet");
        }
    }
}
