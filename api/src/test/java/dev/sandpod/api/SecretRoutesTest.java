package dev.sandpod.api;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.PullRequest;
import dev.sandpod.client.model.SecretCreateRequest;
import dev.sandpod.client.model.SecretInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretRoutesTest {
    private static final String PASSWORD = "hunter2-never-shown";

    @Test
    void aSecretIsCreatedListedAndRemovedAndItsPasswordNeverComesBack(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            SecretInfo created = d.client().createSecret(new SecretCreateRequest("lab", "127.0.0.1:5000", "alice", PASSWORD, false));
            assertEquals(new SecretInfo("lab", "127.0.0.1:5000", "alice"), created);
            assertEquals(List.of(created), d.client().listSecrets());
            assertFalse(d.raw().send("GET", "/v1/secrets", null).json().toString().contains(PASSWORD));

            ApiException again = assertThrows(ApiException.class,
                    () -> d.client().createSecret(new SecretCreateRequest("lab", "127.0.0.1:5000", "alice", PASSWORD, false)));
            assertEquals(409, again.status());
            assertEquals("SecretExists", again.code());
            d.client().createSecret(new SecretCreateRequest("lab", "127.0.0.1:5000", "bob", PASSWORD, true));
            assertEquals("bob", d.client().listSecrets().getFirst().username());

            d.client().removeSecret("lab");
            assertEquals(List.of(), d.client().listSecrets());
            ApiException gone = assertThrows(ApiException.class, () -> d.client().removeSecret("lab"));
            assertEquals(404, gone.status());
            assertEquals("SecretNotFound", gone.code());
        }
        assertFalse(Files.exists(root.resolve("daemon.log")) && Files.readString(root.resolve("daemon.log")).contains(PASSWORD));
    }

    @Test
    void anInvalidSecretIs422AndAPullWithAnUnknownSecretIs404BeforeAnyProgress(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            ApiException invalid = assertThrows(ApiException.class,
                    () -> d.client().createSecret(new SecretCreateRequest("Bad Name", "h", "u", "p", false)));
            assertEquals(422, invalid.status());
            assertEquals("InvalidSecret", invalid.code());

            ApiException pull = assertThrows(ApiException.class,
                    () -> d.client().pullImage(new PullRequest("127.0.0.1:1/x:1", "ghost", null), e -> { throw new AssertionError(e); }));
            assertEquals(404, pull.status());
            assertEquals("SecretNotFound", pull.code());
        }
    }
}
