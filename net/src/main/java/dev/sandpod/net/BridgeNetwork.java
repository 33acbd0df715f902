package dev.sandpod.net;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * A sandbox's network as the CNI {@code bridge} plugin with {@code host-local} IPAM: one Linux bridge that is the
 * gateway ({@code isGateway}) of one subnet, hairpin mode on (a pod reaches itself through its own service IP),
 * no masquerading unless asked (egress policy is added on top, not by the plugin). Leases live in
 * {@code ipamDataDir/NAME/}, under the sandpod root, so they are per root and go away with it.
 */
public record BridgeNetwork(String name, String bridge, Ipv4Cidr subnet, Path ipamDataDir, boolean ipMasq,
                            boolean hairpinMode) {
    public static BridgeNetwork of(String name, String bridge, Ipv4Cidr subnet, Path ipamDataDir) {
        return new BridgeNetwork(name, bridge, subnet, ipamDataDir, false, true);
    }

    /** The bridge's own address, the pods' default gateway: the first host of the subnet. */
    public String gateway() {
        return subnet.host(1);
    }

    /** Where host-local keeps this network's leases. */
    public Path leaseDir() {
        return ipamDataDir.resolve(name);
    }

    public CniNetworkConfig toCni() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = f.objectNode();
        json.put("bridge", bridge);
        json.put("isGateway", true);
        json.put("ipMasq", ipMasq);
        json.put("hairpinMode", hairpinMode);
        ObjectNode ipam = json.putObject("ipam");
        ipam.put("type", "host-local");
        ipam.put("dataDir", ipamDataDir.toString());
        ArrayNode range = ipam.putArray("ranges").addArray();
        range.addObject().put("subnet", subnet.network().toString()).put("gateway", gateway());
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        return new CniNetworkConfig(name, "bridge", json);
    }
}
