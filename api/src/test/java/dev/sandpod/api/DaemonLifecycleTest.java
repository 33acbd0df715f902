package dev.sandpod.api;

import dev.sandpod.client.DaemonUnreachableException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonLifecycleTest {
    @Test
    void theSocketIsUnderTheRootsRuntimeDirWithMode0660(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            Path socket = root.resolve("run/sandpod.sock");
            assertEquals(socket, d.daemon().socket());
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertEquals(ProcessHandle.current().pid(), d.client().version().pid());
            assertEquals(root.toAbsolutePath().normalize().toString(), d.client().version().root());
        }
    }

    @Test
    void aSecondDaemonForTheSameRootIsRefusedAndTheFirstKeepsServing(@TempDir Path root) throws Exception {
        try (TestDaemon d = TestDaemon.start(root)) {
            DaemonAlreadyRunningException e = assertThrows(DaemonAlreadyRunningException.class,
                    () -> Daemon.start(RootLayout.of(root), DaemonOptions.defaults()));
            assertTrue(e.getMessage().contains(String.valueOf(ProcessHandle.current().pid())), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("daemon stop"));
            assertEquals("v1", d.client().version().apiVersion());
        }
    }

    @Test
    void stopThroughTheApiAnswersThenRemovesTheSocketAndFreesTheRoot(@TempDir Path root) throws Exception {
        RootLayout layout = RootLayout.of(root);
        try (TestDaemon d = TestDaemon.start(root)) {
            d.client().stopDaemon();
            d.daemon().awaitStopped();
            assertFalse(Files.exists(layout.daemonSocket()));
            assertFalse(DaemonLock.isHeld(layout));
            assertThrows(DaemonUnreachableException.class, () -> SandpodClient.connect(layout.daemonSocket()).version());
        }
        try (TestDaemon again = TestDaemon.start(root)) {
            assertEquals("v1", again.client().version().apiVersion());
        }
    }

    @Test
    void aSocketLeftByADeadDaemonIsReplaced(@TempDir Path root) throws Exception {
        RootLayout layout = RootLayout.of(root);
        Files.createDirectories(layout.runtimeDir());
        Files.writeString(layout.daemonSocket(), "stale");
        try (TestDaemon d = TestDaemon.start(root)) {
            assertEquals("v1", d.client().version().apiVersion());
        }
    }
}
