package dev.sandpod.runtime.files;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against a fresh {@link LocalRoot} in its own temp directory, closed after each test. */
abstract class LocalRootTest {
    @TempDir
    private Path tmp;
    LocalRoot local;
    ContainerFiles files;

    @BeforeEach
    void openLocalRoot() throws Exception {
        local = new LocalRoot(tmp);
        files = local.files;
    }

    @AfterEach
    void closeLocalRoot() throws IOException {
        local.close();
    }
}
