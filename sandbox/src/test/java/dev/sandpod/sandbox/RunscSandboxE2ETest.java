package dev.sandpod.sandbox;

import dev.sandpod.testing.HostLeaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.runtime.RuntimeClass;
import dev.sandpod.runtime.RuntimeMissingException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real sandboxes under runsc (gVisor): the pod's network, gVisor's kernel, nothing left after rm. */
class RunscSandboxE2ETest extends RealSandboxTest {
    @Test
    void aRunscSandboxHasThePodsIpAndGvisorsKernelAndRemoveTakesEverything() throws Exception {
        assumeTrue(Files.isExecutable(RuntimeClass.RUNSC.binary()), "runsc is installed by ./run-tests");
        RunResult made = service.run(sh("gv", "ip addr; dmesg; sleep 300").runtime("runsc").build());
        assertEquals("Running", service.describe("gv").main().state());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String text = "";
        while (System.nanoTime() < deadline && !(text.contains(made.ip()) && text.contains("gVisor"))) {
            text = String.join("\n", service.logs("gv", -1, false).stream().map(LogLine::text).toList());
            Thread.sleep(50);
        }
        assertTrue(text.contains("inet " + made.ip() + "/"), "the pod's IP inside: " + text);
        assertTrue(text.contains("eth0"), text);
        assertTrue(text.contains("gVisor"), "gVisor's kernel log: " + text);
        assertFalse(HostLeaks.processesMentioning(layout.root().toString()).isEmpty(), "runsc runs under the root");
        service.remove("gv", true);
        assertThrows(SandboxNotFoundException.class, () -> service.describe("gv"));
        assertEquals(List.of(), HostLeaks.processesMentioning(layout.root().toString()));
    }

    @Test
    void anUnknownRuntimeIsRefusedBeforeAnythingIsMade() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> service.run(sh("kata", "true").runtime("kata").build()));
        assertEquals("runtime", e.field());
        assertInstanceOf(RuntimeMissingException.class, e.getCause());
        assertTrue(e.hint().orElseThrow().contains("runsc"), e.hint().toString());
        assertThrows(SandboxNotFoundException.class, () -> service.describe("kata"));
    }
}
