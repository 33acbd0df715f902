package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.DaemonLauncher;
import dev.sandpod.client.DaemonStartException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `sandpod daemon`, `sandpod daemon stop` and the launcher that starts a daemon when none runs. */
class DaemonCommandTest {
    /** Runs `sandpod --root ROOT daemon` on another thread of this JVM, as systemd would in the foreground. */
    private static CompletableFuture<Integer> foregroundDaemon(Path root) {
        return foregroundDaemon(root, new StringWriter());
    }

    /** As {@link #foregroundDaemon(Path)}, with more arguments, its stderr going to {@code err}. */
    private static CompletableFuture<Integer> foregroundDaemon(Path root, StringWriter err, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--root=" + root, "daemon"));
        args.addAll(List.of(more));
        return CompletableFuture.supplyAsync(() -> {
            CommandLine cli = Main.newCommandLine();
            cli.setOut(new PrintWriter(new StringWriter(), true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args.toArray(String[]::new));
        });
    }

    private static SandpodClient awaitAnswer(RootLayout layout) throws Exception {
        SandpodClient client = SandpodClient.connect(layout.daemonSocket());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                client.version();
                return client;
            } catch (ApiException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static void stopQuietly(RootLayout layout) {
        try {
            SandpodClient.connect(layout.daemonSocket()).stopDaemon();
        } catch (ApiException alreadyStopped) {
            assertTrue(alreadyStopped.status() == 0, alreadyStopped.toString());
        }
    }

    @Test
    void theForegroundDaemonServesUntilDaemonStopStopsItAndASecondOneExits3(@TempDir Path root) throws Exception {
        RootLayout layout = RootLayout.of(root);
        CompletableFuture<Integer> daemon = foregroundDaemon(root);
        try {
            awaitAnswer(layout);
            CliRun second = CliRun.run(root, "daemon");
            assertEquals(DaemonLauncher.EXIT_ALREADY_RUNNING, second.exitCode(), second.toString());
            assertTrue(second.err().contains("already runs"), second.toString());

            CliRun stop = CliRun.run(root, "daemon", "stop");
            assertEquals(0, stop.exitCode(), stop.toString());
            assertTrue(stop.out().contains("stopped the daemon (pid " + ProcessHandle.current().pid() + ")"), stop.toString());
            assertEquals(0, daemon.get(10, TimeUnit.SECONDS));
            assertFalse(Files.exists(layout.daemonSocket()));

            CliRun again = CliRun.run(root, "daemon", "stop");
            assertEquals(0, again.exitCode());
            assertTrue(again.out().contains("no daemon runs"), again.toString());
        } finally {
            if (!daemon.isDone()) {
                stopQuietly(layout);
            }
        }
    }

    @Test
    void withListenTheDaemonAlsoServesLoopbackTcpToClientsWithTheTokenItSaysWhereToFind(@TempDir Path root) throws Exception {
        RootLayout layout = RootLayout.of(root);
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> daemon = foregroundDaemon(root, err, "--listen", "127.0.0.1:0");
        try {
            awaitAnswer(layout);
            java.util.regex.Pattern serving = java.util.regex.Pattern.compile("serving on 127\\.0\\.0\\.1:(\\d+) too; clients send the bearer token in (\\S+)");
            java.util.regex.Matcher said = serving.matcher(err.toString());
            // the socket answers a moment before the daemon has printed its TCP line
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !said.find() && System.nanoTime() < deadline; ) {
                Thread.sleep(20);
                said = serving.matcher(err.toString());
            }
            said = serving.matcher(err.toString());
            assertTrue(said.find(), err.toString());
            assertEquals(layout.daemonToken().toString(), said.group(2));
            String token = Files.readString(layout.daemonToken()).strip();
            SandpodClient tcp = SandpodClient.connectTcp("127.0.0.1", Integer.parseInt(said.group(1)), token);
            assertEquals(layout.root().toString(), tcp.version().root());
            assertEquals(0, CliRun.run(root, "daemon", "stop").exitCode());
            assertEquals(0, daemon.get(10, TimeUnit.SECONDS));
        } finally {
            if (!daemon.isDone()) {
                stopQuietly(layout);
            }
        }
    }

    @Test
    void aListenAddressThatIsNotLoopbackIsRefusedWithAHint(@TempDir Path root) {
        CliRun run = CliRun.run(root, "daemon", "--listen", "0.0.0.0:7443");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: ") && run.err().contains("loopback"), run.toString());
        assertTrue(run.err().contains("hint: give a loopback address, such as --listen 127.0.0.1:"), run.toString());
        assertFalse(Files.exists(RootLayout.of(root).daemonSocket()), "no daemon started");
    }

    @Test
    void theLauncherStartsADetachedDaemonWhenNoneRunsThenReusesIt(@TempDir Path root) throws Exception {
        RootLayout layout = RootLayout.of(root);
        DaemonLauncher launcher = Daemons.launcher(layout);
        DaemonLauncher.Running first = launcher.ensureRunning();
        ProcessHandle started = first.started().orElseThrow();
        try {
            assertEquals(started.pid(), first.version().pid());
            assertNotEquals(sessionOf(ProcessHandle.current().pid()), sessionOf(started.pid()), "the daemon runs in its own session");
            assertTrue(Files.readString(layout.daemonLog()).contains("serves " + layout.root()));

            DaemonLauncher.Running second = launcher.ensureRunning();
            assertTrue(second.started().isEmpty());
            assertEquals(started.pid(), second.version().pid());

            CliRun stop = CliRun.run(root, "daemon", "stop");
            assertEquals(0, stop.exitCode(), stop.toString());
            started.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(started.isAlive());
        } finally {
            if (started.isAlive()) {
                started.destroyForcibly();
            }
        }
    }

    @Test
    void aDaemonThatDiesOnStartIsReportedWithTheTailOfItsLog(@TempDir Path root) {
        RootLayout layout = RootLayout.of(root);
        DaemonLauncher launcher = new DaemonLauncher(layout.daemonSocket(), layout.daemonLog(),
                List.of("/bin/sh", "-c", "echo boom-from-the-daemon; exit 1"), Duration.ofSeconds(10));
        DaemonStartException e = assertThrows(DaemonStartException.class, launcher::ensureRunning);
        assertEquals("DaemonStartFailed", e.code());
        assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
        assertTrue(e.getMessage().contains("boom-from-the-daemon"), e.getMessage());
    }

    /** Field 6 of /proc/PID/stat: the session id. */
    private static String sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return fields[3];
    }
}
