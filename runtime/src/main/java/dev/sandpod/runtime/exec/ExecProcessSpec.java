package dev.sandpod.runtime.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.runtime.ContainerSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The OCI process of an exec ({@code runc exec --process}): the container's own process with only the argv, env,
 * cwd and user replaced, so the command has exactly the container's capabilities, no_new_privs, AppArmor
 * profile, rlimits and OOM score. (runc's flags would keep the container's supplementary groups for another user.)
 */
public final class ExecProcessSpec {
    private ExecProcessSpec() {
    }

    public static ObjectNode build(JsonNode containerProcess, ExecSpec spec) {
        ObjectNode process = containerProcess.isObject() ? ((ObjectNode) containerProcess).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        process.put("terminal", spec.terminal().isPresent());
        process.remove("consoleSize");
        spec.terminal().ifPresent(t -> {
            ObjectNode size = process.putObject("consoleSize");
            size.put("height", t.rows());
            size.put("width", t.cols());
        });
        ArrayNode args = process.putArray("args");
        spec.argv().forEach(args::add);
        ArrayNode env = process.putArray("env");
        List<String> merged = mergeEnv(strings(containerProcess.path("env")), spec.env());
        if (spec.terminal().isPresent() && merged.stream().noneMatch(e -> e.startsWith("TERM="))) {
            merged.add("TERM=xterm"); // as Docker sets it for a terminal
        }
        merged.forEach(env::add);
        spec.cwd().ifPresent(cwd -> process.put("cwd", cwd));
        if (!process.hasNonNull("cwd")) {
            process.put("cwd", "/");
        }
        spec.user().ifPresent(user -> process.set("user", user(user)));
        return process;
    }

    /** The container's env with each of {@code overrides} replacing the entry of the same name or added last. */
    static List<String> mergeEnv(List<String> base, List<String> overrides) {
        List<String> out = new ArrayList<>(base);
        for (String entry : overrides) {
            String key = entry.substring(0, Math.max(0, entry.indexOf('=')));
            out.removeIf(existing -> existing.startsWith(key + "="));
            out.add(entry);
        }
        return out;
    }

    private static ObjectNode user(ContainerSpec.User user) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("uid", user.uid());
        node.put("gid", user.gid());
        ArrayNode gids = node.putArray("additionalGids");
        user.additionalGids().forEach(gids::add);
        return node;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
