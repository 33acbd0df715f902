package dev.sandpod.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretStoreTest {
    @TempDir
    Path root;

    private SecretStore store() {
        return new SecretStore(RootLayout.of(root));
    }

    private static RegistrySecret secret(String name, String password) {
        return new RegistrySecret(name, "127.0.0.1:5000", "alice", password);
    }

    @Test
    void aCreatedSecretReadsBackAndIsPrivate() throws Exception {
        store().create(secret("lab", "pw"), false);
        assertEquals(secret("lab", "pw"), store().get("lab"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("secrets/lab.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("secrets"))));
    }

    @Test
    void listIsSortedByName() throws Exception {
        store().create(secret("b", "1"), false);
        store().create(secret("a", "2"), false);
        assertEquals(List.of("a", "b"), store().list().stream().map(RegistrySecret::name).toList());
    }

    @Test
    void creatingTwiceNeedsReplace() throws Exception {
        store().create(secret("lab", "one"), false);
        SecretException e = assertThrows(SecretException.class, () -> store().create(secret("lab", "two"), false));
        assertTrue(e.hint().orElseThrow().contains("--replace"));
        store().create(secret("lab", "two"), true);
        assertEquals("two", store().get("lab").password());
    }

    @Test
    void badInputIsRejectedWithoutWritingAnything() {
        assertThrows(SecretException.class, () -> store().create(secret("Bad", "pw"), false));
        assertThrows(SecretException.class, () -> store().create(secret("lab", ""), false));
        assertThrows(SecretException.class, () -> store().create(new RegistrySecret("lab", "h/x", "u", "p"), false));
        assertThrows(SecretException.class, () -> store().create(new RegistrySecret("lab", "h", "", "p"), false));
        assertFalse(Files.exists(root.resolve("secrets/lab.json")));
    }

    @Test
    void errorsNeverContainThePassword() throws Exception {
        store().create(secret("lab", "hunter2"), false);
        SecretException e = assertThrows(SecretException.class, () -> store().create(secret("lab", "hunter2"), false));
        assertFalse(e.getMessage().contains("hunter2"));
        Files.writeString(root.resolve("secrets/broken.json"), "{\"password\": \"hunter2\"}");
        SecretException broken = assertThrows(SecretException.class, () -> store().get("broken"));
        assertFalse(broken.getMessage().contains("hunter2"), broken.getMessage());
    }

    @Test
    void missingSecretsAreReportedWithAHint() {
        SecretException get = assertThrows(SecretException.class, () -> store().get("ghost"));
        assertTrue(get.hint().orElseThrow().contains("secret create"));
        assertThrows(SecretException.class, () -> store().remove("ghost"));
    }

    @Test
    void aNameCanNotReachOutsideTheSecretsDirectory() {
        assertThrows(SecretException.class, () -> store().get("../state"));
        assertThrows(SecretException.class, () -> store().remove("../config"));
    }

    @Test
    void aMissingOrDuplicateSecretIsTypedSoTheApiCanAnswer404Or409() throws Exception {
        assertThrows(SecretNotFoundException.class, () -> store().get("ghost"));
        assertThrows(SecretNotFoundException.class, () -> store().remove("ghost"));
        store().create(secret("lab", "pw"), false);
        assertThrows(SecretExistsException.class, () -> store().create(secret("lab", "pw"), false));
    }
}
