package dev.sandpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RegistryEndpointTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "localhost:5000", "LOCALHOST:5000", "127.0.0.1", "127.0.0.1:5000", "127.1.2.3:80", "[::1]", "[::1]:5000"})
    void loopbackHostsUsePlainHttp(String host) {
        RegistryEndpoint e = RegistryEndpoint.of(host, Set.of());

        assertTrue(e.plainHttp());
        assertEquals("http://" + host, e.baseUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example", "registry.example:5000", "10.0.0.5:5000", "127.0.0.1.nip.io", "localhost.example", "[::2]:5000"})
    void otherHostsUseHttps(String host) {
        RegistryEndpoint e = RegistryEndpoint.of(host, Set.of());

        assertFalse(e.plainHttp());
        assertEquals("https://" + host, e.baseUrl());
    }

    @Test
    void hostsListedAsInsecureUsePlainHttpByHostOrHostAndPort() {
        assertTrue(RegistryEndpoint.of("10.0.0.5:5000", Set.of("10.0.0.5:5000")).plainHttp());
        assertTrue(RegistryEndpoint.of("10.0.0.5:5000", Set.of("10.0.0.5")).plainHttp());
        assertFalse(RegistryEndpoint.of("10.0.0.5:5000", Set.of("10.0.0.5:6000")).plainHttp());
    }

    @Test
    void refusesUrlsAsHosts() {
        assertThrows(IllegalArgumentException.class, () -> new RegistryEndpoint("http://x", true));
        assertThrows(IllegalArgumentException.class, () -> new RegistryEndpoint("x/y", true));
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertEquals("Credentials[username=bob, password=****]", new Credentials("bob", "hunter2").toString());
    }
}
