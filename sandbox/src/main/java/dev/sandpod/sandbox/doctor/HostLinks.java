package dev.sandpod.sandbox.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.runtime.CommandRunner;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The host links enslaved to a bridge (the host ends of its pods' veths), through {@code ip -j}. */
final class HostLinks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CommandRunner runner;

    HostLinks(CommandRunner runner) {
        this.runner = runner;
    }

    List<String> portsOf(String bridge) throws IOException {
        CommandRunner.Result r = runner.run(List.of("ip", "-j", "link", "show", "master", bridge), Duration.ofSeconds(10));
        List<String> names = new ArrayList<>();
        if (r.exitCode() != 0) {
            if (r.stderr().contains("does not exist") || r.stderr().contains("Cannot find device")) {
                return names;
            }
            throw new IOException("ip link show master " + bridge + " failed: " + r.stderr().strip());
        }
        if (r.stdout().isBlank()) {
            return names;
        }
        for (JsonNode link : JSON.readTree(r.stdout())) {
            names.add(link.path("ifname").asText());
        }
        return names;
    }
}
