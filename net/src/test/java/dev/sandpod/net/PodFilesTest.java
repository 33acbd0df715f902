package dev.sandpod.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PodFilesTest {
    @TempDir
    Path tmp;

    @Test
    void writesHostsAndResolvConf() throws Exception {
        PodFiles.Paths files = PodFiles.writeOnce(tmp.resolve("pod"), "web", "10.200.0.2",
                List.of(new PodFiles.HostEntry("10.200.0.3", List.of("db", "db.local"))),
                List.of("10.200.0.1", "fd00::1"), List.of("sandbox.local"));
        assertEquals("""
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                10.200.0.2\tweb
                10.200.0.3\tdb db.local
                """, Files.readString(files.hosts()));
        assertEquals("""
                nameserver 10.200.0.1
                nameserver fd00::1
                search sandbox.local
                """, Files.readString(files.resolvConf()));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.hosts())));
        try (var listing = Files.list(tmp.resolve("pod"))) {
            assertEquals(2, listing.count(), "no temporary files left");
        }
    }

    @Test
    void neverRewritesAFileThatExistsSoEditsSurvive() throws Exception {
        PodFiles.Paths files = PodFiles.writeOnce(tmp, "web", "10.200.0.2", List.of(), List.of("10.200.0.1"), List.of());
        Files.writeString(files.hosts(), "1.2.3.4 edited-by-user\n");
        Files.writeString(files.resolvConf(), "nameserver 9.9.9.9\n");
        PodFiles.writeOnce(tmp, "web", "10.200.0.9", List.of(), List.of("10.200.0.1"), List.of());
        assertEquals("1.2.3.4 edited-by-user\n", Files.readString(files.hosts()));
        assertEquals("nameserver 9.9.9.9\n", Files.readString(files.resolvConf()));
    }

    @Test
    void refusesNamesAndAddressesThatWouldInjectLines() {
        assertThrows(IllegalArgumentException.class,
                () -> PodFiles.writeOnce(tmp, "web\n1.2.3.4 evil", "10.200.0.2", List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> PodFiles.writeOnce(tmp, "web", "10.200.0.2 evil", List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PodFiles.HostEntry("10.0.0.1", List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> PodFiles.writeOnce(tmp, "web", "10.200.0.2", List.of(), List.of("x"), List.of()));
    }
}
