package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.runtime.files.FileInfo;
import dev.sandpod.runtime.files.FilesException;
import dev.sandpod.runtime.files.ReadableFile;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** File access to real running and stopped containers: what the container's own processes see, and no more. */
class SandboxFilesE2ETest extends RealSandboxTest {
    private static final long LIMIT = 1 << 20;

    private String read(SandboxFiles files, String path) throws Exception {
        try (ReadableFile f = files.read(path, LIMIT)) {
            return new String(f.content().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void write(SandboxFiles files, String path, String text) throws Exception {
        files.write(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Optional.empty(), Optional.empty(),
                true, LIMIT);
    }

    @Test
    void aFileWrittenIsWhatTheContainersProcessReads() throws Exception {
        service.run(sh("reader", "while [ ! -f /tmp/go ]; do sleep 0.05; done; cat /tmp/msg; sleep 1000").build());
        try (SandboxFiles files = service.files("reader", Optional.empty())) {
            write(files, "/tmp/msg", "hello from outside\n"); // a whole line: the log shows whole lines
            write(files, "/tmp/go", "");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> out = List.of();
        while (out.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            out = service.logs("reader", -1, false).stream().map(LogLine::text).toList();
        }
        assertEquals(List.of("hello from outside"), out);
        service.remove("reader", true);
    }

    @Test
    void aRunningContainerIsSeenWithItsOwnMountsVolumesAndPodFiles() throws Exception {
        Path volume = Files.createDirectories(tmp.resolve("volume"));
        Files.writeString(volume.resolve("on-the-volume"), "volume content");
        service.run(RunRequest.builder(IMAGE).name("mounts").args("/bin/sh", "-c", "sleep 1000")
                .volumes(List.of(volume + ":/data")).build());
        try (SandboxFiles files = service.files("mounts", Optional.empty())) {
            assertEquals("volume content", read(files, "/data/on-the-volume"));
            assertTrue(read(files, "/etc/hosts").contains("mounts"), "the pod's hosts file, not the image's");

            write(files, "/etc/hosts", "127.0.0.1 edited\n");
            assertEquals("127.0.0.1 edited\n", read(files, "/etc/hosts"));
            write(files, "/data/from-api", "x");
        }
        assertEquals("x", Files.readString(volume.resolve("from-api")), "written to the volume on the host");
        service.remove("mounts", true);
    }

    @Test
    void aStoppedContainerIsSeenThroughItsRootFileSystemAndWritesGoToItsWritableLayer() throws Exception {
        RunResult made = service.run(sh("stopped", "sleep 1000").build());
        service.stop("stopped", Duration.ZERO);
        try (SandboxFiles files = service.files("stopped", Optional.empty())) {
            assertTrue(read(files, "/etc/passwd").startsWith("root:"));
            write(files, "/tmp/left", "left while stopped");
            assertEquals("left while stopped", read(files, "/tmp/left"));
        }
        Path upper = layout.sandboxesDir().resolve(made.id()).resolve("containers");
        try (var walk = Files.walk(upper)) {
            assertTrue(walk.anyMatch(p -> p.endsWith(Path.of("upper", "tmp", "left"))), "kept for the container's next instance");
        }
        service.remove("stopped", true);
    }

    @Test
    void procMagicLinksInTheContainerAreNeverFollowed() throws Exception {
        service.run(sh("magic", "sleep 1000").build());
        try (SandboxFiles files = service.files("magic", Optional.empty())) {
            FilesException e = assertThrows(FilesException.class, () -> read(files, "/proc/1/root/etc/passwd"));
            assertEquals(FilesException.Problem.SYMLINK_LOOP, e.problem());
            FileInfo proc = files.stat("/proc/1/status", false);
            assertEquals("/proc/1/status", proc.path().toString());
            assertTrue(read(files, "/proc/1/status").contains("sleep"), "procfs files (size 0) read to their end");
        }
        service.remove("magic", true);
    }

    @Test
    void anOwnerNameIsResolvedInTheContainersOwnPasswd() throws Exception {
        service.run(sh("owners", "sleep 1000").build());
        try (SandboxFiles files = service.files("owners", Optional.empty())) {
            FileInfo f = files.write("/tmp/n", new ByteArrayInputStream(new byte[0]), Optional.of(0640), Optional.of("nobody"),
                    false, LIMIT);
            assertEquals(65534, f.uid());
            assertEquals(65534, f.gid());
            assertEquals(0640, f.permissions());
            InvalidRequestException unknown = assertThrows(InvalidRequestException.class, () -> files.write("/tmp/u",
                    new ByteArrayInputStream(new byte[0]), Optional.empty(), Optional.of("ghost"), false, LIMIT));
            assertEquals("owner", unknown.field());
            assertTrue(unknown.getMessage().contains("ghost"), unknown.getMessage());
        }
        service.remove("owners", true);
    }

    @Test
    void aDebugContainerIsReachedByItsNameWithItsOwnRootFileSystem() throws Exception {
        service.run(sh("app", "sleep 1000").build());
        service.debug(DebugRequest.builder("app").name("dbg").args("/bin/sh", "-c", "echo only-here > /tmp/mark; sleep 1000").build());
        try (SandboxFiles debug = service.files("app", Optional.of("dbg"))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (debug.list("/tmp").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("only-here\n", read(debug, "/tmp/mark"));
            assertTrue(debug.where().contains("dbg"), debug.where());
        }
        try (SandboxFiles main = service.files("app", Optional.empty())) {
            assertEquals(List.of(), main.list("/tmp"), "the main container has its own /tmp");
        }
        service.remove("app", true);
    }
}
