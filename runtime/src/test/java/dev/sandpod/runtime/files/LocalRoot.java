package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.LinuxSyscalls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A temp directory standing in for a container's root, and a sibling "outside" directory holding a secret that
 * no path given to the root may ever read, and where nothing may ever be written.
 */
final class LocalRoot implements AutoCloseable {
    static final String SECRET = "HOST SECRET";
    final Path root;
    final Path outside;
    final ContainerFiles files;

    LocalRoot(Path tmp) throws Exception {
        root = Files.createDirectories(tmp.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), SECRET);
        files = new ContainerFiles(ConfinedRoot.ofDirectory(new LinuxSyscalls(), root, "the test root"));
    }

    static ContainerPath p(String path) {
        try {
            return ContainerPath.parse(path);
        } catch (FilesException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The names in the outside directory: only "secret", whatever a test did. */
    java.util.List<String> outsideNames() throws IOException {
        try (var s = Files.list(outside)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
