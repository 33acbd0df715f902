package dev.sandpod.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@link Netlink} through iproute2's JSON output ({@code ip -j}) and util-linux's {@code nsenter}. */
public final class IpCommand implements Netlink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(10));

    @Override
    public Set<String> linkNames() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode link : json(List.of("ip", "-j", "link", "show"))) {
            names.add(link.path("ifname").asText());
        }
        return names;
    }

    @Override
    public List<Ipv4Cidr> hostPrefixes() throws IOException {
        List<Ipv4Cidr> prefixes = new ArrayList<>();
        for (JsonNode link : json(List.of("ip", "-j", "-4", "addr", "show"))) {
            for (JsonNode addr : link.path("addr_info")) {
                prefixes.add(new Ipv4Cidr(Ipv4Cidr.parse(addr.path("local").asText()).address(),
                        addr.path("prefixlen").asInt(32)));
            }
        }
        for (JsonNode route : json(List.of("ip", "-j", "-4", "route", "show", "table", "all"))) {
            String dst = route.path("dst").asText("");
            if (!dst.isEmpty() && !dst.equals("default") && Character.isDigit(dst.charAt(0))) {
                prefixes.add(Ipv4Cidr.parse(dst));
            }
        }
        return prefixes;
    }

    @Override
    public void deleteLink(String name) throws IOException {
        ProcessRunner.Result result = runner.run(List.of("ip", "link", "delete", "dev", name));
        if (!result.ok() && !result.stderr().contains("Cannot find device")) {
            throw new IOException("ip link delete " + name + " failed: " + result.stderr().strip());
        }
    }

    @Override
    public void linkUp(Path netns, String ifname) throws IOException {
        check(runner.run(List.of("nsenter", "--net=" + netns, "ip", "link", "set", "dev", ifname, "up")),
                "ip link set " + ifname + " up in " + netns);
    }

    private JsonNode json(List<String> argv) throws IOException {
        ProcessRunner.Result result = runner.run(argv);
        check(result, String.join(" ", argv));
        String out = result.stdout().isBlank() ? "[]" : result.stdout();
        return JSON.readTree(out);
    }

    private static void check(ProcessRunner.Result result, String what) throws IOException {
        if (!result.ok()) {
            throw new IOException(what + " failed (exit " + result.exitCode() + "): " + result.stderr().strip());
        }
    }
}
