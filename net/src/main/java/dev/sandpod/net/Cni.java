package dev.sandpod.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs CNI plugins (Debian's {@code containernetworking-plugins} in {@code /usr/lib/cni}) by the CNI spec: the
 * command in {@code CNI_COMMAND}, the network configuration on stdin, the result or a CNI error object on stdout.
 * The config's {@code cniVersion} is the newest of 1.0.0 and 0.4.0 that the plugin reports with VERSION.
 * An ADD that fails is followed by a DEL, so a plugin's half-made state (a veth, a lease) is not left behind.
 */
public final class Cni {
    public static final Path DEBIAN_PLUGIN_DIR = Path.of("/usr/lib/cni");
    private static final List<String> PREFERRED_VERSIONS = List.of("1.0.0", "0.4.0");

    private final Path pluginDir;
    private final ProcessRunner runner;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    public Cni(Path pluginDir, Duration timeout) {
        this.pluginDir = pluginDir;
        this.runner = new ProcessRunner(timeout);
    }

    /** The plugins Debian installs, with a 30 s deadline per call. */
    public static Cni debian() {
        return new Cni(DEBIAN_PLUGIN_DIR, Duration.ofSeconds(30));
    }

    /** Attaches the namespace pinned at {@code netns} to {@code network} as {@code ifname}. */
    public CniResult add(CniNetworkConfig network, String containerId, Path netns, String ifname)
            throws NetworkSetupException {
        String out = invoke("ADD", network, null, containerId, netns, ifname);
        try {
            return CniResult.parse(out, mapper);
        } catch (IOException e) {
            NetworkSetupException failure = new NetworkSetupException(network.type(), "ADD", null,
                    "unreadable result: " + e.getMessage(), null, "report this as a sandpod bug", e);
            undo(network, containerId, netns, ifname, failure);
            throw failure;
        }
    }

    /** Detaches and releases what ADD made. Safe to repeat, and safe when the namespace is already gone. */
    public void del(CniNetworkConfig network, String containerId, Path netns, String ifname)
            throws NetworkSetupException {
        invoke("DEL", network, null, containerId, netns, ifname);
    }

    /** Asks the plugin whether what ADD made (given as {@code previous}) is still in place. */
    public void check(CniNetworkConfig network, String containerId, Path netns, String ifname, CniResult previous)
            throws NetworkSetupException {
        invoke("CHECK", network, previous, containerId, netns, ifname);
    }

    /** The CNI spec version sandpod speaks with plugin {@code type}: 1.0.0 if it supports it, else 0.4.0. */
    public String versionFor(String type) throws NetworkSetupException {
        String known = versions.get(type);
        if (known != null) {
            return known;
        }
        Path plugin = plugin(type);
        ProcessRunner.Result result;
        try {
            result = runner.run(List.of(plugin.toString()), Map.of("CNI_COMMAND", "VERSION"),
                    "{\"cniVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NetworkSetupException(type, "VERSION", null, e.getMessage(), null,
                    "check that " + plugin + " runs", e);
        }
        if (!result.ok()) {
            throw pluginError(type, "VERSION", result);
        }
        try {
            JsonNode supported = mapper.readTree(result.stdout()).path("supportedVersions");
            for (String wanted : PREFERRED_VERSIONS) {
                for (JsonNode v : supported) {
                    if (v.asText().equals(wanted)) {
                        versions.put(type, wanted);
                        return wanted;
                    }
                }
            }
        } catch (IOException e) {
            throw new NetworkSetupException(type, "VERSION", null, "unreadable VERSION output: " + result.stdout(),
                    null, "check that " + plugin + " is a CNI plugin", e);
        }
        throw new NetworkSetupException(type, "VERSION", 1, "supports none of CNI " + PREFERRED_VERSIONS
                + " (reports " + result.stdout().strip() + ")", null,
                "install containernetworking-plugins 1.0 or newer", null);
    }

    private String invoke(String command, CniNetworkConfig network, CniResult previous, String containerId,
                          Path netns, String ifname) throws NetworkSetupException {
        Path plugin = plugin(network.type());
        ObjectNode config = network.json();
        config.put("cniVersion", versionFor(network.type()));
        if (previous != null) {
            try {
                config.set("prevResult", mapper.readTree(previous.json()));
            } catch (IOException e) {
                throw new IllegalArgumentException("previous result is not JSON", e);
            }
        }
        Map<String, String> env = Map.of(
                "CNI_COMMAND", command,
                "CNI_CONTAINERID", containerId,
                "CNI_NETNS", netns.toString(),
                "CNI_IFNAME", ifname,
                "CNI_PATH", pluginDir.toString());
        ProcessRunner.Result result;
        try {
            result = runner.run(List.of(plugin.toString()), env, config.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            NetworkSetupException failure = new NetworkSetupException(network.type(), command, null, e.getMessage(),
                    null, "check that " + plugin + " runs and is not hanging", e);
            if (command.equals("ADD")) {
                undo(network, containerId, netns, ifname, failure);
            }
            throw failure;
        }
        if (!result.ok()) {
            NetworkSetupException failure = pluginError(network.type(), command, result);
            if (command.equals("ADD")) {
                undo(network, containerId, netns, ifname, failure);
            }
            throw failure;
        }
        return result.stdout();
    }

    private void undo(CniNetworkConfig network, String containerId, Path netns, String ifname,
                      NetworkSetupException failure) {
        try {
            del(network, containerId, netns, ifname);
        } catch (NetworkSetupException e) {
            failure.addSuppressed(e);
        }
    }

    private Path plugin(String type) throws NetworkSetupException {
        if (!type.matches("[A-Za-z0-9_-]+")) {
            throw new NetworkSetupException(type, "ADD", 7, "invalid plugin type", null, null, null);
        }
        Path plugin = pluginDir.resolve(type);
        if (!Files.isExecutable(plugin)) {
            throw new NetworkSetupException(type, "VERSION", null, "plugin not found at " + plugin, null,
                    "install Debian's containernetworking-plugins (apt-get install containernetworking-plugins)",
                    null);
        }
        return plugin;
    }

    /** The plugin's CNI error object if it printed one, else its stderr. */
    private NetworkSetupException pluginError(String type, String command, ProcessRunner.Result result) {
        try {
            JsonNode error = mapper.readTree(result.stdout());
            if (error != null && error.hasNonNull("msg")) {
                Integer code = error.hasNonNull("code") ? error.get("code").asInt() : null;
                String details = error.hasNonNull("details") ? error.get("details").asText() : null;
                return new NetworkSetupException(type, command, code, error.get("msg").asText(), details,
                        hint(code), null);
            }
        } catch (IOException e) {
            // not JSON: fall through to stderr
        }
        String text = (result.stderr() + " " + result.stdout()).strip();
        return new NetworkSetupException(type, command, null,
                "exit " + result.exitCode() + (text.isEmpty() ? "" : ": " + text), null, hint(null), null);
    }

    /** What a user can do about each CNI error code (CNI spec, "Error" section); 100+ are plugin-specific. */
    static String hint(Integer code) {
        if (code == null) {
            return "see the plugin's message; run the same command by hand with CNI_COMMAND set to reproduce";
        }
        return switch (code) {
            case 1 -> "the plugin does not speak this CNI version; install a newer containernetworking-plugins";
            case 2 -> "a field of the network configuration is not supported by this plugin version";
            case 3 -> "the plugin does not know this container; it may have been removed already";
            case 4 -> "a CNI_* environment variable was invalid; report this as a sandpod bug";
            case 5 -> "the plugin hit an I/O error; check disk space and the lease directory under the sandpod root";
            case 6 -> "the plugin could not decode its input; report this as a sandpod bug";
            case 7 -> "the network configuration is invalid; check the subnet and bridge settings";
            case 11 -> "a transient failure; try again";
            default -> "check the network settings named in the message (subnet, bridge name, MTU) and the host's "
                    + "links with `ip link`";
        };
    }
}
