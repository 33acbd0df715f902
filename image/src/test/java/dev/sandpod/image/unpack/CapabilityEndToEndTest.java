package dev.sandpod.image.unpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.image.tar.TarEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A setcap binary from a layer built in a user namespace (v3, rootid 1000) gets its capability when run. */
class CapabilityEndToEndTest extends UnpackFixture {
    private static final int CAP_NET_RAW = 13;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        makeDirs(tmp);
        // The test's copy must be reachable by uid 65534.
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aV3CapabilityWithANonZeroRootIdWorksAfterUnpacking() throws Exception {
        byte[] busybox = Files.readAllBytes(Path.of("/usr/bin/busybox"));
        unpack(new LayerTars().add(TarEntry.file("bin/busybox", 0755, busybox.length)
                .withXattr(FileCapabilities.XATTR, FileCapabilities.v3(1L << CAP_NET_RAW, 0, true, 1000)), busybox));

        assertTrue((effectiveCapabilities(layer.resolve("bin/busybox")) & 1L << CAP_NET_RAW) != 0);
    }

    @Test
    void withoutTheRewriteTheKernelIgnoresAV3CapabilityWithAForeignRootId() throws Exception {
        Path copy = Files.createDirectories(layer.resolve("bin")).resolve("busybox");
        Files.copy(Path.of("/usr/bin/busybox"), copy);
        sys.lsetxattr(copy.toString(), FileCapabilities.XATTR, FileCapabilities.v3(1L << CAP_NET_RAW, 0, true, 1000));

        assertEquals(0, effectiveCapabilities(copy) & 1L << CAP_NET_RAW);
    }

    private static long effectiveCapabilities(Path busybox) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                busybox.toString(), "grep", "CapEff", "/proc/self/status")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return Long.parseUnsignedLong(out.substring(out.indexOf(':') + 1).trim(), 16);
    }
}
