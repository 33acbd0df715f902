package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.ExecCommandRequest;
import dev.sandpod.client.model.ExecCommandResult;
import dev.sandpod.client.model.ExecEvent;
import dev.sandpod.client.model.SandboxDetails;
import dev.sandpod.testing.HostProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `sandpod exec` and the exec API as a user and an eval harness use them, against a real daemon in this JVM and a
 * real busybox container; after each test nothing is left.
 */
class ExecCommandsTest {
    @TempDir
    Path tmp;
    private SandboxDaemonFixture sandpod;
    private SandpodClient client;

    @BeforeEach
    void startSandbox() throws Exception {
        sandpod = SandboxDaemonFixture.start(tmp);
        client = sandpod.client();
        sandpod.ok("run", "--name", "box", "--restart", "always", SandboxCommandsTest.IMAGE, "--",
                "/bin/busybox", "sleep", "100000");
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (sandpod != null) {
            sandpod.close();
        }
    }

    @Test
    void theCommandsOutputAndExitCodeAreTheClis() {
        CliRun run = sandpod.cli("exec", "box", "--", "/bin/sh", "-c", "echo out; echo err >&2; exit 7");
        assertEquals(7, run.exitCode(), run.toString());
        assertEquals("out\n", run.out());
        assertEquals("err\n", run.err());
    }

    @Test
    void aMissingCommandExits127AndOneThatCantBeExecuted126WithTheReason() {
        CliRun missing = sandpod.cli("exec", "box", "--", "no-such-command");
        assertEquals(127, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("executable file not found"), missing.toString());
        CliRun notExecutable = sandpod.cli("exec", "box", "--", "/etc/passwd");
        assertEquals(126, notExecutable.exitCode(), notExecutable.toString());
    }

    @Test
    void aUserAddedInTheContainerIsResolvedFromItsOwnPasswdWithWorkdirEnvAndStdin() {
        sandpod.ok("exec", "box", "--", "/bin/sh", "-c",
                "echo 'app:x:1234:1234::/home/app:/bin/sh' >> /etc/passwd; echo 'staff:x:50:app' >> /etc/group");
        CliRun run = CliRun.runWithStdin(sandpod.root(), "from stdin\n".getBytes(StandardCharsets.UTF_8), "exec", "-i",
                "-u", "app", "-w", "/tmp", "-e", "GREETING=hi", "box", "--", "/bin/sh", "-c",
                "echo $GREETING $HOME; /bin/busybox pwd; /bin/busybox id -u; /bin/busybox id -G; /bin/busybox cat");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("hi /home/app\n/tmp\n1234\n1234 50\nfrom stdin\n", run.out());
    }

    @Test
    void aUserTheContainerDoesNotHaveIsRefusedNamingIt() {
        CliRun run = sandpod.cli("exec", "-u", "mallory", "box", "--", "/bin/busybox", "id");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("mallory"), run.toString());
    }

    @Test
    void aTimeoutExits124AndLeavesNoProcessOfTheExecBehind() throws Exception {
        CliRun run = sandpod.cli("exec", "--timeout", "1s", "box", "--", "/bin/sh", "-c",
                "echo started; /bin/busybox setsid /bin/busybox sleep 4711 & /bin/busybox sleep 4712");
        assertEquals(124, run.exitCode(), run.toString());
        assertEquals("started\n", run.out());
        assertTrue(run.err().contains("timed out"), run.toString());
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4711"));
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4712"));
    }

    @Test
    void twentyMegabytesWithAOneMebibyteLimitComeBackAsHeadAndTailFlaggedTruncated() throws Exception {
        ExecCommandResult r = client.exec("box", ExecCommandRequest.of(List.of("/bin/sh", "-c",
                "echo START; /bin/busybox head -c 20000000 /dev/zero; echo END")).withOutputLimit(1 << 20));
        assertEquals(0, r.exitCode());
        assertEquals(1 << 20, r.stdout().length());
        assertTrue(r.stdout().startsWith("START\n") && r.stdout().endsWith("END\n"));
        assertEquals(20_000_010L - (1 << 20), r.stdoutDroppedBytes());
    }

    @Test
    void aRestartedContainerIsRefusedWithContainerRestarted() throws Exception {
        int first = client.exec("box", ExecCommandRequest.of(List.of("/bin/busybox", "true"))).instance();
        SandboxDetails before = client.describeSandbox("box");
        String id = before.main().id();
        ProcessHandle.of(SandboxHost.containerPid(sandpod.layout(), id)).orElseThrow().destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int now = first;
        while (now == first && System.nanoTime() < deadline) {
            Thread.sleep(100);
            try {
                now = client.exec("box", ExecCommandRequest.of(List.of("/bin/busybox", "true"))).instance();
            } catch (ApiException notRunningYet) {
                assertEquals("ContainerNotRunning", notRunningYet.code(), notRunningYet.getMessage());
            }
        }
        assertEquals(first + 1, now);
        ApiException e = assertThrows(ApiException.class, () -> client.exec("box",
                ExecCommandRequest.of(List.of("/bin/busybox", "true")).withExpectInstance(first)));
        assertEquals(409, e.status());
        assertEquals("ContainerRestarted", e.code());
    }

    @Test
    void aRunningExecCanBeKilledAndItsCallerGets137() throws Exception {
        CompletableFuture<String> execId = new CompletableFuture<>();
        CompletableFuture<ExecCommandResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return client.execStreaming("box", ExecCommandRequest.of(List.of("/bin/busybox", "sleep", "4713")),
                        (ExecEvent event) -> {
                            if (event.type().equals("started")) {
                                execId.complete(event.execId());
                            }
                        });
            } catch (ApiException e) {
                throw new IllegalStateException(e);
            }
        });
        client.killExec(execId.get(10, TimeUnit.SECONDS));
        ExecCommandResult r = result.get(10, TimeUnit.SECONDS);
        assertEquals(137, r.exitCode());
        assertTrue(r.killed());
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4713"));
        ApiException gone = assertThrows(ApiException.class, () -> client.killExec(r.execId()));
        assertEquals(404, gone.status());
    }

    @Test
    void execIntoAStoppedSandboxIs409WithItsStateAndIntoAMissingOne404() {
        sandpod.ok("stop", "-t", "0", "box");
        ApiException stopped = assertThrows(ApiException.class,
                () -> client.exec("box", ExecCommandRequest.of(List.of("/bin/busybox", "true"))));
        assertEquals(409, stopped.status());
        assertEquals("ContainerNotRunning", stopped.code());
        ApiException missing = assertThrows(ApiException.class,
                () -> client.exec("nope", ExecCommandRequest.of(List.of("/bin/busybox", "true"))));
        assertEquals(404, missing.status());
    }

    @Test
    void badExecRequestsAre400Or422NamingTheField() throws Exception {
        ApiException noArgv = assertThrows(ApiException.class,
                () -> client.exec("box", new ExecCommandRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null)));
        assertEquals(400, noArgv.status());
        ApiException relativeCwd = assertThrows(ApiException.class, () -> client.exec("box",
                new ExecCommandRequest(List.of("true"), null, null, "tmp", null, null, null, null, null, null, null, null, null, null, null, null)));
        assertEquals(422, relativeCwd.status());
        assertEquals("cwd", relativeCwd.details().get("field"));
        ApiException badTimeout = assertThrows(ApiException.class, () -> client.exec("box",
                ExecCommandRequest.of(List.of("true")).withTimeout(-1)));
        assertEquals(400, badTimeout.status());
        assertEquals("timeout", badTimeout.details().get("field"));
    }

    @Test
    void aStreamingClientThatGoesAwayHasItsExecKilled() throws Exception {
        byte[] body = "{\"argv\":[\"/bin/busybox\",\"sleep\",\"4715\"],\"stream\":true}".getBytes(StandardCharsets.UTF_8);
        try (java.nio.channels.SocketChannel socket = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            socket.connect(java.net.UnixDomainSocketAddress.of(sandpod.layout().daemonSocket()));
            String head = "POST /v1/sandboxes/box/exec HTTP/1.1\r\nHost: sandpod\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            socket.write(java.nio.ByteBuffer.wrap(head.getBytes(StandardCharsets.UTF_8)));
            socket.write(java.nio.ByteBuffer.wrap(body));
            java.io.InputStream in = java.nio.channels.Channels.newInputStream(socket);
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains("\"started\"")) {
                int b = in.read();
                assertTrue(b >= 0, "the stream ended before its started event: " + seen);
                seen.append((char) b);
            }
            long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (HostProcesses.withCommandLineContaining("sleep 4715").isEmpty() && System.nanoTime() < started) {
                Thread.sleep(20); // the started event goes out as runc starts the command
            }
            assertEquals(1, HostProcesses.withCommandLineContaining("sleep 4715").size());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!HostProcesses.withCommandLineContaining("sleep 4715").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4715"));
    }

    @Test
    void stdinIsStreamedAsItComesNotReadWholeFirst() throws Exception {
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(typing);
        java.util.concurrent.LinkedBlockingQueue<String> echoed = new java.util.concurrent.LinkedBlockingQueue<>();
        CompletableFuture<ExecCommandResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return client.execStreaming("box", ExecCommandRequest.of(List.of("/bin/busybox", "cat")),
                        java.util.Optional.of(stdin), event -> {
                            if (event.type().equals("stdout")) {
                                echoed.add(new String(java.util.Base64.getDecoder().decode(event.data()), StandardCharsets.UTF_8));
                            }
                        });
            } catch (ApiException e) {
                throw new IllegalStateException(e);
            }
        });
        typing.write("first\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        assertEquals("first\n", echoed.poll(10, TimeUnit.SECONDS), "the first line comes back before the input ends");
        typing.write("second\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        ExecCommandResult r = result.get(10, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode());
        assertEquals("second\n", echoed.poll(1, TimeUnit.SECONDS));
    }

    @Test
    void dashTGivesTheCommandATerminal() {
        CliRun run = sandpod.cli("exec", "-t", "box", "--", "/bin/sh", "-c", "/bin/busybox tty; exit 2");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("/dev/pts/"), run.toString());
    }

    @Test
    void aLongExecsPlainAnswerStillParsesAndAClientThatGoesAwayHasItsExecKilled() throws Exception {
        ExecCommandResult slow = client.exec("box", ExecCommandRequest.of(List.of("/bin/sh", "-c",
                "echo done; /bin/busybox sleep 2.5")).withTimeout(10));
        assertEquals(0, slow.exitCode());
        assertEquals("done\n", slow.stdout());

        byte[] body = "{\"argv\":[\"/bin/busybox\",\"sleep\",\"4716\"]}".getBytes(StandardCharsets.UTF_8);
        try (java.nio.channels.SocketChannel socket = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            socket.connect(java.net.UnixDomainSocketAddress.of(sandpod.layout().daemonSocket()));
            String head = "POST /v1/sandboxes/box/exec HTTP/1.1\r\nHost: sandpod\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            socket.write(java.nio.ByteBuffer.wrap(head.getBytes(StandardCharsets.UTF_8)));
            socket.write(java.nio.ByteBuffer.wrap(body));
            long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (HostProcesses.withCommandLineContaining("sleep 4716").isEmpty() && System.nanoTime() < started) {
                Thread.sleep(20);
            }
            assertEquals(1, HostProcesses.withCommandLineContaining("sleep 4716").size());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!HostProcesses.withCommandLineContaining("sleep 4716").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(List.of(), HostProcesses.withCommandLineContaining("sleep 4716"));
    }
}
