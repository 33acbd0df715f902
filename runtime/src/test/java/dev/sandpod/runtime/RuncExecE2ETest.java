package dev.sandpod.runtime;

import dev.sandpod.image.ImageService;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.runtime.exec.ExecOutputListener;
import dev.sandpod.runtime.exec.ExecResult;
import dev.sandpod.runtime.exec.ExecSpec;
import dev.sandpod.runtime.exec.RunningExec;
import dev.sandpod.state.RootLayout;
import dev.sandpod.testing.HostProcesses;
import dev.sandpod.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Exec into a real runc container: exit codes, timeouts that kill the whole tree, bounded output, stdin, user. */
class RuncExecE2ETest {
    private static final String SANDBOX = "sbx";
    private static final String ID = "main";

    @TempDir
    Path tmp;
    private RootLayout layout;
    private Containers containers;
    private ImageService images;

    @BeforeEach
    void startContainer() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runc and conmon are installed by ./run-tests");
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        layout = RootLayout.of(tmp.resolve("root"));
        images = ImageService.open(layout);
        ImageRecord busybox = TestImages.busybox(images, tmp);
        containers = Containers.open(layout);
        containers.create(SANDBOX, ID, busybox, ContainerSpec.of(List.of("/bin/busybox", "sleep", "100000"), "/unset"));
        containers.start(ID);
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (layout == null) {
            return;
        }
        List<String> leaks = new ArrayList<>();
        try {
            containers.delete(SANDBOX, ID, true);
        } catch (ContainerException e) {
            leaks.add("cleanup: " + e.getMessage());
        }
        leaks.addAll(Leaks.mountsUnder(layout.root()));
        Leaks.cgroupDirs(CgroupPaths.forRoot(layout)).forEach(p -> leaks.add("cgroup " + p));
        leaks.addAll(Leaks.processesMentioning(layout.root().toString()));
        images.close();
        assertEquals(List.of(), leaks);
    }

    private ExecResult exec(ExecSpec spec) throws Exception {
        return containers.exec(ID, spec, Optional.empty(), ExecOutputListener.NONE).await();
    }

    private static ExecSpec sh(String script) {
        return ExecSpec.of("/bin/sh", "-c", script);
    }

    private static String out(ExecResult r) {
        return new String(r.stdout().bytes(), StandardCharsets.UTF_8);
    }

    private static String err(ExecResult r) {
        return new String(r.stderr().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void exitCodeAndOutputPassThrough() throws Exception {
        ExecResult r = exec(sh("echo out; echo err >&2; exit 7"));
        assertEquals(7, r.exitCode());
        assertEquals("out\n", out(r));
        assertEquals("err\n", err(r));
        assertFalse(r.timedOut());
        assertTrue(r.startFailure().isEmpty());
    }

    @Test
    void aMissingCommandIs127WithTheReasonOnStderr() throws Exception {
        ExecResult r = exec(ExecSpec.of("no-such-command"));
        assertEquals(127, r.exitCode());
        assertTrue(r.startFailure().orElseThrow().contains("executable file not found"), r.toString());
        assertTrue(err(r).contains("no-such-command"), err(r));
    }

    @Test
    void aFileThatCantBeExecutedIs126() throws Exception {
        ExecResult r = exec(ExecSpec.of("/etc/passwd"));
        assertEquals(126, r.exitCode());
        assertTrue(r.startFailure().orElseThrow().contains("permission denied"), r.toString());
    }

    @Test
    void aCommandThatExits255ItselfIsNoStartFailure() throws Exception {
        ExecResult r = exec(sh("exit 255"));
        assertEquals(255, r.exitCode());
        assertTrue(r.startFailure().isEmpty());
    }

    @Test
    void aTimeoutKillsTheWholeTreeIncludingSetsidChildrenAndReturns124() throws Exception {
        long started = System.nanoTime();
        ExecResult r = exec(sh("echo before; /bin/busybox setsid /bin/busybox sleep 4242 & /bin/busybox sleep 4343")
                .withTimeout(Duration.ofMillis(700)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(r.timedOut());
        assertEquals(124, r.exitCode());
        assertEquals("before\n", out(r));
        assertTrue(took.compareTo(Duration.ofMillis(1700)) < 0, "returned after " + took);
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4242"));
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4343"));
    }

    @Test
    void aBackgroundChildHoldingTheOutputDoesNotHangTheExecAndKeepsRunning() throws Exception {
        long started = System.nanoTime();
        ExecResult r = exec(sh("/bin/busybox sleep 4444 & echo started"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(0, r.exitCode());
        assertEquals("started\n", out(r));
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "returned after " + took);
        assertEquals(1, HostProcesses.withCommandLineContaining("sleep 4444").size(), "the agent's background process survives its exec");
    }

    @Test
    void outputPastTheLimitKeepsTheHeadAndTheTailAndCountsTheRest() throws Exception {
        long limit = 1 << 20;
        ExecResult r = exec(sh("echo START; /bin/busybox head -c 20000000 /dev/zero; echo END").withOutputLimit(limit));
        assertEquals(0, r.exitCode());
        assertEquals(limit, r.stdout().bytes().length);
        assertTrue(out(r).startsWith("START\n"));
        assertTrue(out(r).endsWith("END\n"));
        assertEquals(20_000_000L + 10, r.stdout().totalBytes());
        assertEquals(20_000_000L + 10 - limit, r.stdout().droppedBytes());
    }

    @Test
    void twoGibibytesOfOutputKeepOnlyTheLimitInMemory() throws Exception {
        ExecResult r = exec(sh("/bin/busybox head -c 2147483648 /dev/zero; echo END").withOutputLimit(64 << 10));
        assertEquals(0, r.exitCode());
        assertEquals(2147483648L + 4, r.stdout().totalBytes());
        assertEquals(64 << 10, r.stdout().bytes().length);
        assertTrue(out(r).endsWith("END\n"));
    }

    @Test
    void aTerminalOfTheGivenSizeCarriesStdinAndOutput() throws Exception {
        ExecSpec spec = sh("/bin/busybox tty; /bin/busybox stty size; echo $TERM; read line; echo got $line; exit 3")
                .withTerminal(new ExecSpec.Terminal(30, 100));
        RunningExec running = containers.exec(ID, spec,
                Optional.of(new ByteArrayInputStream("typed\n".getBytes(StandardCharsets.UTF_8))), ExecOutputListener.NONE);
        ExecResult r = running.await();
        assertEquals(3, r.exitCode());
        // the terminal echoes the typed line whenever it arrives, so only the command's own lines keep their order
        List<String> lines = out(r).lines().filter(l -> !l.equals("typed")).toList();
        assertEquals(List.of("/dev/pts/0", "30 100", "xterm", "got typed"), lines, out(r));
        assertTrue(out(r).contains("\r\n"), "a terminal ends lines with CR LF");
        assertEquals("", err(r));
    }

    @Test
    void stdinIsStreamedToTheCommandByteForByte() throws Exception {
        byte[] input = new byte[3 << 20];
        new Random(7).nextBytes(input);
        RunningExec running = containers.exec(ID, ExecSpec.of("/bin/busybox", "cat"),
                Optional.of(new ByteArrayInputStream(input)), ExecOutputListener.NONE);
        ExecResult r = running.await();
        assertEquals(0, r.exitCode());
        assertArrayEquals(input, r.stdout().bytes());
    }

    @Test
    void killEndsTheExecAndItsChildrenWith137() throws Exception {
        RunningExec running = containers.exec(ID, sh("/bin/busybox sleep 4545 & /bin/busybox sleep 4646"),
                Optional.empty(), ExecOutputListener.NONE);
        Thread.sleep(300);
        running.kill();
        ExecResult r = running.await();
        assertEquals(137, r.exitCode());
        assertTrue(r.killed());
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4545"));
    }

    @Test
    void envCwdAndUserApplyToTheCommandOnly() throws Exception {
        ExecSpec spec = new ExecSpec(List.of("/bin/sh", "-c", "echo $FOO; /bin/busybox pwd; /bin/busybox id -u; /bin/busybox id -G"),
                List.of("FOO=bar"), Optional.of("/tmp"), Optional.of(new ContainerSpec.User(65534, 65534, List.of(7L))),
                Optional.empty(), ExecSpec.DEFAULT_OUTPUT_LIMIT);
        ExecResult r = exec(spec);
        assertEquals("bar\n/tmp\n65534\n65534 7\n", out(r), err(r));
    }

    @Test
    void theCommandHasTheContainersSecurityContext() throws Exception {
        String fields = "grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' ";
        ExecResult init = exec(sh(fields.replace("grep", "/bin/busybox grep") + "/proc/1/status"));
        ExecResult self = exec(sh(fields.replace("grep", "/bin/busybox grep") + "/proc/self/status"));
        assertEquals(out(init), out(self));
        assertTrue(out(self).contains("CapEff"), out(self));
    }
}
