package dev.sandpod.image.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {
    @Test
    void summarisesEveryErrorWithItsCode() {
        var errors = RegistryErrors.parse(("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\","
                + "\"detail\":{\"Tag\":\"v2\"}},{\"code\":\"DENIED\",\"message\":\"no\"}]}").getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.of("MANIFEST_UNKNOWN"), errors.firstCode());
        assertEquals("MANIFEST_UNKNOWN: manifest unknown; DENIED: no", errors.summary());
    }

    @Test
    void keepsTheFirstLineOfANonJsonBody() {
        var errors = RegistryErrors.parse("<html>Bad Gateway</html>\n<body>...".getBytes(StandardCharsets.UTF_8));

        assertEquals(Optional.empty(), errors.firstCode());
        assertEquals("<html>Bad Gateway</html>", errors.summary());
    }

    @Test
    void anEmptyBodyHasAnEmptySummary() {
        assertEquals("", RegistryErrors.parse(new byte[0]).summary());
    }
}
