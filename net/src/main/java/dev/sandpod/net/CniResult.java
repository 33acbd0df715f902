package dev.sandpod.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a CNI ADD made: interfaces (host side and in the pod) and the IP configuration, plus the raw result. */
public record CniResult(String cniVersion, List<Interface> interfaces, List<IpConfig> ips, String json) {
    /** An interface the plugin made or used; {@code sandbox} is the netns path for interfaces inside the pod. */
    public record Interface(String name, String mac, Optional<String> sandbox) {
    }

    /** An address with prefix length ({@code 10.200.3.2/24}), its gateway, and the index into {@link #interfaces}. */
    public record IpConfig(String address, Optional<String> gateway, Optional<Integer> interfaceIndex) {
        /** The address without prefix length. */
        public String ip() {
            int slash = address.indexOf('/');
            return slash < 0 ? address : address.substring(0, slash);
        }
    }

    public CniResult {
        interfaces = List.copyOf(interfaces);
        ips = List.copyOf(ips);
    }

    /** The first IP configured on the pod-side interface {@code ifname}. */
    public Optional<IpConfig> ipOn(String ifname) {
        for (IpConfig ip : ips) {
            if (ip.interfaceIndex().isPresent() && ip.interfaceIndex().get() < interfaces.size()) {
                Interface iface = interfaces.get(ip.interfaceIndex().get());
                if (iface.name().equals(ifname) && iface.sandbox().isPresent()) {
                    return Optional.of(ip);
                }
            }
        }
        return ips.stream().findFirst();
    }

    /** Parses a result of CNI spec 0.3.x, 0.4.0 or 1.0.0 (they share the fields read here). */
    static CniResult parse(String text, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(text);
        if (root == null || !root.isObject()) {
            throw new IOException("not a CNI result object: " + text);
        }
        List<Interface> interfaces = new ArrayList<>();
        for (JsonNode i : root.path("interfaces")) {
            interfaces.add(new Interface(i.path("name").asText(), i.path("mac").asText(""),
                    i.hasNonNull("sandbox") ? Optional.of(i.get("sandbox").asText()) : Optional.empty()));
        }
        List<IpConfig> ips = new ArrayList<>();
        for (JsonNode ip : root.path("ips")) {
            ips.add(new IpConfig(ip.path("address").asText(),
                    ip.hasNonNull("gateway") ? Optional.of(ip.get("gateway").asText()) : Optional.empty(),
                    ip.hasNonNull("interface") ? Optional.of(ip.get("interface").asInt()) : Optional.empty()));
        }
        return new CniResult(root.path("cniVersion").asText(""), interfaces, ips, text);
    }
}
