package dev.sandpod.net;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One CNI network configuration: its name, the plugin {@code type} that runs it, and the plugin's JSON
 * without {@code cniVersion} ({@link Cni} fills that in with what the installed plugin supports).
 */
public record CniNetworkConfig(String name, String type, ObjectNode json) {
    public CniNetworkConfig {
        json = json.deepCopy();
        json.put("name", name);
        json.put("type", type);
        json.remove("cniVersion");
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }
}
