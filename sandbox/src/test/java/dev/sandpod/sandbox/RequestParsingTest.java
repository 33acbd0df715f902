package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.runtime.ContainerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Request fields as users write them: limits, restart policy, volumes, user, merge with the image config. */
class RequestParsingTest {
    private static final SpecResolver.UserLookup NO_PASSWD = SpecResolver.in(ImageUsers.NONE, "x");
    @Test
    void limitsAreParsedFromTheirUsualSpellings() throws Exception {
        ContainerSpec.Limits limits = LimitsParser.parse(Optional.of("64Mi"), Optional.of("0.5"), Optional.of("100"));
        assertEquals(64L << 20, limits.memoryBytes().getAsLong());
        assertEquals(500, limits.cpuMillis().getAsLong());
        assertEquals(100, limits.pids().getAsLong());
        assertEquals(2000, LimitsParser.cpuMillis("2"));
        assertEquals(1L << 30, LimitsParser.memory("1g"));
    }

    @Test
    void eachBadLimitNamesItsField() {
        assertEquals("memory", assertThrows(InvalidRequestException.class, () -> LimitsParser.memory("64XB")).field());
        assertEquals("memory", assertThrows(InvalidRequestException.class, () -> LimitsParser.memory("64")).field());
        assertEquals("cpus", assertThrows(InvalidRequestException.class, () -> LimitsParser.cpuMillis("half")).field());
        assertEquals("cpus", assertThrows(InvalidRequestException.class, () -> LimitsParser.cpuMillis("0.001")).field());
        assertEquals("pids-limit", assertThrows(InvalidRequestException.class, () -> LimitsParser.pids("0")).field());
        assertEquals("pids-limit", assertThrows(InvalidRequestException.class, () -> LimitsParser.pids("-3")).field());
    }

    @Test
    void restartPoliciesFollowDockerAndKubernetes() throws Exception {
        assertEquals(RestartPolicy.ON_FAILURE, RestartPolicy.parse("OnFailure"));
        assertEquals(RestartPolicy.ON_FAILURE, RestartPolicy.parse("on-failure"));
        assertEquals(RestartPolicy.NEVER, RestartPolicy.parse("no"));
        assertTrue(RestartPolicy.ALWAYS.restarts(0, false));
        assertFalse(RestartPolicy.ON_FAILURE.restarts(0, false));
        assertTrue(RestartPolicy.ON_FAILURE.restarts(0, true), "an OOM kill is a failure");
        assertFalse(RestartPolicy.NEVER.restarts(1, false));
        assertEquals("restart", assertThrows(InvalidRequestException.class, () -> RestartPolicy.parse("sometimes")).field());
    }

    @Test
    void backOffDoublesFromTheBaseUpToTheCap() {
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 300L, 300L),
                java.util.stream.IntStream.range(0, 7).mapToObj(n -> BackOff.KUBELET.delay(n).toSeconds()).toList());
        BackOff fast = new BackOff(Duration.ofMillis(100), Duration.ofMillis(400));
        assertEquals(Duration.ofMillis(400), fast.delay(1000));
        assertThrows(IllegalArgumentException.class, () -> new BackOff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    @Test
    void volumesAreSrcColonDstWithAnOptionalMode() throws Exception {
        assertEquals(new Volume(java.nio.file.Path.of("/tmp"), "/data", true), Volume.parse("/tmp:/data:ro"));
        assertFalse(Volume.parse("/tmp:/data").readOnly());
        assertEquals("volume", assertThrows(InvalidRequestException.class, () -> Volume.parse("/tmp:/data:rx")).field());
        assertEquals("volume", assertThrows(InvalidRequestException.class, () -> Volume.parse("data:/data")).field());
        assertEquals("volume", assertThrows(InvalidRequestException.class,
                () -> Volume.parse("/no/such/dir/here:/data")).field());
    }

    @Test
    void theRequestOverridesTheImageConfig() throws Exception {
        ObjectNode image = new ObjectMapper().createObjectNode();
        ObjectNode config = image.putObject("config");
        config.putArray("Entrypoint").add("/bin/app");
        config.putArray("Cmd").add("--serve");
        config.putArray("Env").add("A=image").add("B=image");
        config.put("WorkingDir", "/srv");
        config.put("User", "1000:1000");

        StoredSpec fromImage = SpecResolver.resolve(RunRequest.builder("x").build(), image, NO_PASSWD);
        assertEquals(List.of("/bin/app", "--serve"), fromImage.args());
        assertEquals("/srv", fromImage.cwd());
        assertEquals(1000, fromImage.uid());
        assertTrue(fromImage.env().contains("A=image"));

        StoredSpec overridden = SpecResolver.resolve(RunRequest.builder("x").args("/bin/sh").env(List.of("A=mine"))
                .workdir("/tmp").user("0").build(), image, NO_PASSWD);
        assertEquals(List.of("/bin/sh"), overridden.args());
        assertTrue(overridden.env().contains("A=mine") && overridden.env().contains("B=image"), overridden.env().toString());
        assertEquals("/tmp", overridden.cwd());
        assertEquals(0, overridden.uid());
    }

    @Test
    void anImageWithoutACommandNeedsOneInTheRequest() {
        ObjectNode image = new ObjectMapper().createObjectNode();
        assertEquals("command", assertThrows(InvalidRequestException.class,
                () -> SpecResolver.resolve(RunRequest.builder("x").build(), image, NO_PASSWD)).field());
        assertEquals("user", assertThrows(InvalidRequestException.class,
                () -> SpecResolver.resolve(RunRequest.builder("x").args("a").user("alice").build(), image, NO_PASSWD)).field());
        assertEquals("env", assertThrows(InvalidRequestException.class,
                () -> SpecResolver.resolve(RunRequest.builder("x").args("a").env(List.of("NOEQUALS")).build(), image, NO_PASSWD)).field());
    }

    @Test
    void aStoredSpecSurvivesItsJsonRoundTrip() throws Exception {
        StoredSpec spec = SpecResolver.resolve(RunRequest.builder("x").args("/bin/sh", "-c", "true").memory("64Mi")
                .volumes(List.of("/tmp:/data:ro")).build(), new ObjectMapper().createObjectNode(),
                SpecResolver.in(ImageUsers.parse("root:x:0:0::/root:/bin/sh\n", "x:x:5:root\n"), "x"));
        assertEquals(List.of(5L), spec.groups());
        assertEquals(spec, StoredSpec.fromJson(spec.toJson()));
        assertEquals(64L << 20, StoredSpec.fromJson(spec.toJson()).limits().memoryBytes().getAsLong());
    }
}
