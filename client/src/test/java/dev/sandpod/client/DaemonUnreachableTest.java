package dev.sandpod.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DaemonUnreachableTest {
    @TempDir
    Path dir;

    @Test
    void aMissingSocketIsATypedDaemonUnreachableError() {
        var e = assertThrows(DaemonUnreachableException.class, () -> SandpodClient.connect(dir.resolve("none.sock")).version());
        assertEquals("DaemonUnreachable", e.code());
        assertEquals(0, e.status());
    }
}
