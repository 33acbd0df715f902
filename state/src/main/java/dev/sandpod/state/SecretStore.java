package dev.sandpod.state;

import dev.sandpod.core.IoErrors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Registry secrets, one file each under ROOT/secrets (0700), written 0600 from the start so the
 * password is never readable by others, not even for a moment.
 */
public final class SecretStore {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;

    public SecretStore(RootLayout layout) {
        this.dir = layout.secretsDir();
    }

    public static void checkName(String name) throws SecretException {
        if (name.length() > 253 || !NAME.matcher(name).matches()) {
            throw new SecretException("invalid secret name '" + name + "'",
                    "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
    }

    public void create(RegistrySecret secret, boolean replace) throws SecretException {
        checkName(secret.name());
        if (secret.server().isBlank() || secret.server().contains("/") || secret.server().contains(" ")) {
            throw new SecretException("invalid registry server '" + secret.server() + "'",
                    "give the registry as HOST[:PORT], for example registry.example.com or 127.0.0.1:5000");
        }
        if (secret.username().isEmpty()) {
            throw new SecretException("the username is empty", "pass --username USER");
        }
        if (secret.password().isEmpty()) {
            throw new SecretException("the password is empty", "pipe the password into --password-stdin");
        }
        Path file = fileOf(secret.name());
        if (!replace && Files.exists(file)) {
            throw new SecretExistsException("secret '" + secret.name() + "' already exists",
                    "remove it first with `sandpod secret rm " + secret.name() + "`, or pass --replace");
        }
        ObjectNode node = JSON.createObjectNode()
                .put("type", "registry")
                .put("server", secret.server())
                .put("username", secret.username())
                .put("password", secret.password());
        try {
            ensureDir();
            Path temp = Files.createTempFile(dir, ".new-", ".json", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, JSON.writeValueAsBytes(node));
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new SecretException("can't store secret '" + secret.name() + "' in " + dir + ": " + IoErrors.describe(e),
                    "check that the state root is writable", e);
        }
    }

    public RegistrySecret get(String name) throws SecretException {
        checkName(name);
        Path file = fileOf(name);
        JsonNode node;
        try {
            node = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new SecretNotFoundException("no secret named '" + name + "'",
                    "create it with `sandpod secret create registry " + name + " --server HOST --username USER --password-stdin`");
        } catch (IOException e) {
            throw new SecretException("secret '" + name + "' can't be read (" + file + ")",
                    "recreate it with `sandpod secret create registry " + name + " ... --replace`", e);
        }
        for (String field : List.of("server", "username", "password")) {
            if (node == null || !node.path(field).isTextual()) {
                throw new SecretException("secret '" + name + "' (" + file + ") has no field '" + field + "'",
                        "recreate it with `sandpod secret create registry " + name + " ... --replace`");
            }
        }
        return new RegistrySecret(name, node.get("server").asText(), node.get("username").asText(), node.get("password").asText());
    }

    /** All secrets, sorted by name. */
    public List<RegistrySecret> list() throws SecretException {
        List<RegistrySecret> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (!name.startsWith(".")) {
                    out.add(get(name));
                }
            }
        } catch (IOException e) {
            throw new SecretException("can't list secrets in " + dir + ": " + IoErrors.describe(e), "check the state root", e);
        }
        out.sort(Comparator.comparing(RegistrySecret::name));
        return out;
    }

    public void remove(String name) throws SecretException {
        checkName(name);
        try {
            if (!Files.deleteIfExists(fileOf(name))) {
                throw new SecretNotFoundException("no secret named '" + name + "'", "`sandpod secret ls` lists the secrets");
            }
        } catch (IOException e) {
            throw new SecretException("can't remove secret '" + name + "': " + IoErrors.describe(e), "check the state root", e);
        }
    }

    private Path fileOf(String name) {
        return dir.resolve(name + ".json");
    }

    private void ensureDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
}
