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
import java.util.Optional;
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
    void execRunsInGvisorWithDockersExitCodesButADebugContainerOrATerminalIsRefused() throws Exception {
        assumeTrue(Files.isExecutable(RuntimeClass.RUNSC.binary()), "runsc is installed by ./run-tests");
        service.run(sh("gx", "sleep 300").runtime("runsc").build());
        ExecOutcome ok = service.exec(new ExecRequest("gx", Optional.empty(), List.of("/bin/sh", "-c", "dmesg | head -1; exit 3"),
                Optional.empty(), Optional.empty(), java.util.Map.of(), Optional.empty(), 1 << 20,
                java.util.OptionalInt.empty(), false, Optional.empty()), Optional.empty());
        assertEquals(3, ok.result().exitCode());
        assertTrue(new String(ok.result().stdout().bytes(), java.nio.charset.StandardCharsets.UTF_8).contains("gVisor"));
        ExecOutcome missing = service.exec(new ExecRequest("gx", Optional.empty(), List.of("no-such-command"),
                Optional.empty(), Optional.empty(), java.util.Map.of(), Optional.empty(), 1 << 20,
                java.util.OptionalInt.empty(), false, Optional.empty()), Optional.empty());
        assertEquals(127, missing.result().exitCode());

        InvalidRequestException debug = assertThrows(InvalidRequestException.class, () -> service.debug(new DebugRequest(
                "gx", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of("ps"), Optional.empty())));
        assertEquals("target", debug.field());
        InvalidRequestException tty = assertThrows(InvalidRequestException.class, () -> service.exec(new ExecRequest("gx",
                Optional.empty(), List.of("tty"), Optional.empty(), Optional.empty(), java.util.Map.of(), Optional.empty(),
                1 << 20, java.util.OptionalInt.empty(), false,
                Optional.of(dev.sandpod.runtime.exec.ExecSpec.Terminal.DEFAULT)), Optional.empty()));
        assertEquals("tty", tty.field());
        assertEquals(1, service.describe("gx").containers().size(), "no debug container was made");
        service.remove("gx", true);
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
