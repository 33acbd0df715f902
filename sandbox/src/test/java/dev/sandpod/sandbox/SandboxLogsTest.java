package dev.sandpod.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.state.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRI log format conmon writes: TIME STREAM P|F TEXT, partial records joined. */
class SandboxLogsTest {
    @TempDir
    Path tmp;

    @Test
    void partialRecordsAreJoinedAndTailKeepsTheLastLines() throws Exception {
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp), "abcdefabcdef", "c1");
        Files.createDirectories(paths.dir());
        Files.writeString(paths.logFile(), """
                2026-01-01T00:00:00.000000000+00:00 stdout F one
                2026-01-01T00:00:01.000000000+00:00 stderr P tw
                2026-01-01T00:00:01.100000000+00:00 stderr F o
                2026-01-01T00:00:02.000000000+00:00 stdout F three with spaces
                2026-01-01T00:00:03.000000000+00:00 stdout F\s
                """);
        List<LogLine> all = SandboxLogs.read(paths, -1, false);
        assertEquals(List.of("one", "two", "three with spaces", ""), all.stream().map(LogLine::text).toList());
        assertEquals("stderr", all.get(1).stream());
        assertEquals(List.of("three with spaces", ""), SandboxLogs.read(paths, 2, false).stream().map(LogLine::text).toList());
        assertThrows(SandboxStateException.class, () -> SandboxLogs.read(paths, -1, true));
    }
}
