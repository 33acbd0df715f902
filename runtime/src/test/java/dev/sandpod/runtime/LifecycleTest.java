package dev.sandpod.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.state.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision logic of the lifecycle operations against the fake runtime, fake mounts and a fake clock. */
class LifecycleTest {
    @TempDir
    Path tmp;

    private final FakeOciRuntime runtime = new FakeOciRuntime();

    /** A clock whose sleeps advance it instantly. */
    private static final class FakeClock implements ContainerStop.Clock {
        long now;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(Duration d) {
            now += d.toNanos();
        }
    }

    private ContainerStop stop(FakeClock clock) {
        return new ContainerStop(runtime, clock, Duration.ofMillis(100));
    }

    @Test
    void stopSendsTermAndReturnsWhenTheContainerExits() throws Exception {
        runtime.create(new ContainerPaths(RootLayout.of(tmp), "sb", "c"));
        runtime.start("c");
        FakeClock clock = new FakeClock();
        ContainerState state = stop(clock).stop("c", Duration.ofSeconds(30));
        assertEquals(OptionalInt.of(143), state.exitCode());
        assertEquals(0, clock.now);
        assertEquals(List.of(15), runtime.calls.stream().filter(c -> c.operation().equals("kill")).map(FakeOciRuntime.Call::signal).toList());
    }

    @Test
    void stopEscalatesToKillAfterTheGrace() throws Exception {
        runtime.create(new ContainerPaths(RootLayout.of(tmp), "sb", "c"));
        runtime.start("c");
        runtime.ignored.add(ContainerStop.SIGTERM);
        FakeClock clock = new FakeClock();
        ContainerState state = stop(clock).stop("c", Duration.ofSeconds(3));
        assertEquals(OptionalInt.of(137), state.exitCode());
        assertTrue(clock.now >= Duration.ofSeconds(3).toNanos());
        assertEquals(List.of("start", "kill", "kill"), runtime.calls.stream().skip(1).map(FakeOciRuntime.Call::operation).toList());
        assertEquals(List.of(15, 9), runtime.calls.stream().filter(c -> c.operation().equals("kill")).map(FakeOciRuntime.Call::signal).toList());
    }

    @Test
    void stopOfAnExitedContainerSendsNothingAndACreatedOneGetsKill() throws Exception {
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp), "sb", "c");
        runtime.create(paths);
        ContainerState killed = stop(new FakeClock()).stop("c", Duration.ofSeconds(10));
        assertEquals(OptionalInt.of(137), killed.exitCode());
        int calls = runtime.calls.size();
        stop(new FakeClock()).stop("c", Duration.ofSeconds(10));
        assertEquals(calls, runtime.calls.size());
    }

    @Test
    void startOnlyStartsACreatedContainer() throws Exception {
        runtime.create(new ContainerPaths(RootLayout.of(tmp), "sb", "c"));
        assertEquals(ContainerStatus.RUNNING, new ContainerStart(runtime).start("c").status());
        IllegalStateTransition e = assertThrows(IllegalStateTransition.class, () -> new ContainerStart(runtime).start("c"));
        assertEquals(ContainerStatus.RUNNING, e.status());
    }

    @Test
    void deleteRefusesALiveContainerUnlessForcedAndThenRemovesEverything() throws Exception {
        FakeMounts mounts = new FakeMounts();
        Path cgroupRoot = Files.createDirectories(tmp.resolve("cgroup"));
        Files.createDirectories(cgroupRoot.resolve("pids/sandpod"));
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp.resolve("root")), "sb", "c");
        Files.createDirectories(cgroupRoot.resolve("pids" + paths.cgroupsPath()));
        RootfsMount rootfs = new RootfsMount(mounts);
        ContainerDelete delete = new ContainerDelete(runtime, rootfs, new CgroupsV1(cgroupRoot));
        ContainerState created = new ContainerCreate(new OciSpecBuilder(), rootfs, runtime, delete)
                .create(paths, List.of(tmp.resolve("layer")), ContainerSpec.of(List.of("/bin/true"), paths.cgroupsPath()));
        assertEquals(ContainerStatus.CREATED, created.status());
        assertTrue(Files.exists(paths.dir().resolve("config.json")));

        assertThrows(IllegalStateTransition.class, () -> delete.delete(paths, false));
        delete.delete(paths, true);
        assertTrue(mounts.mounted.isEmpty());
        assertTrue(runtime.containers.isEmpty());
        assertTrue(Files.notExists(paths.dir()));
        assertTrue(Files.notExists(cgroupRoot.resolve("pids" + paths.cgroupsPath())));
        delete.delete(paths, false); // already gone: nothing to refuse, nothing left
    }

    @Test
    void aFailedCreateUndoesTheMountAndTheDirectory() throws Exception {
        FakeMounts mounts = new FakeMounts();
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp.resolve("root")), "sb", "c");
        RootfsMount rootfs = new RootfsMount(mounts);
        OciRuntime failing = new FakeOciRuntime() {
            @Override
            public void create(ContainerPaths p) {
                throw new IllegalStateException("boom");
            }
        };
        ContainerDelete delete = new ContainerDelete(failing, rootfs, new CgroupsV1(tmp.resolve("nocgroups")));
        assertThrows(IllegalStateException.class, () -> new ContainerCreate(new OciSpecBuilder(), rootfs, failing, delete)
                .create(paths, List.of(tmp.resolve("layer")), ContainerSpec.of(List.of("/bin/true"), paths.cgroupsPath())));
        assertTrue(mounts.mounted.isEmpty());
        assertTrue(Files.notExists(paths.dir()));
    }

    @Test
    void aBadSpecMakesNothing() {
        FakeMounts mounts = new FakeMounts();
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp.resolve("root")), "sb", "c");
        RootfsMount rootfs = new RootfsMount(mounts);
        ContainerDelete delete = new ContainerDelete(runtime, rootfs, new CgroupsV1(tmp));
        assertThrows(BadSpecException.class, () -> new ContainerCreate(new OciSpecBuilder(), rootfs, runtime, delete)
                .create(paths, List.of(tmp), ContainerSpec.of(List.of(), paths.cgroupsPath())));
        assertTrue(mounts.calls.isEmpty());
        assertTrue(runtime.calls.isEmpty());
    }

    @Test
    void runcErrorsMapToDockersExitCodes() throws Exception {
        assertEquals(127, RuncFailedException.exitCodeFor(
                "runc create failed: unable to start container process: exec: \"/nope\": stat /nope: no such file or directory"));
        assertEquals(127, RuncFailedException.exitCodeFor("exec: \"nope\": executable file not found in $PATH"));
        assertEquals(126, RuncFailedException.exitCodeFor("exec: \"/etc\": permission denied"));
        assertEquals(126, RuncFailedException.exitCodeFor("exec /bin/x: exec format error"));
        assertEquals(125, RuncFailedException.exitCodeFor("error setting rlimit type 7: operation not permitted"));
        assertEquals("container does not exist",
                RuncOutput.error("time=\"2024-01-01T00:00:00Z\" level=error msg=\"container does not exist\"\n"));
        assertEquals("boom", RuncOutput.error("{\"level\":\"error\",\"msg\":\"boom\",\"time\":\"x\"}"));
        assertEquals(new RuncOutput.SyncMessage(-1, java.util.Optional.of("bad")), RuncOutput.sync("{\"data\": -1, \"message\": \"bad\"}"));
        assertEquals(ContainerStatus.EXITED, RuncOutput.status("stopped"));
    }

    @Test
    void conmonGetsItsOwnRuncRootExitDirAndCriLog() {
        ContainerPaths paths = new ContainerPaths(RootLayout.of(Path.of("/r")), "sb", "c");
        List<String> argv = ConmonCommand.argv(Path.of("/usr/bin/conmon"), Path.of("/usr/sbin/runc"), paths);
        String line = String.join(" ", argv);
        assertTrue(line.contains("--exit-dir /r/run/exits"), line);
        assertTrue(line.contains("--log-path k8s-file:/r/sandboxes/sb/containers/c/container.log"), line);
        assertTrue(line.contains("--runtime-arg --root=/r/run/runc"), line);
        assertTrue(line.contains("--bundle /r/sandboxes/sb/containers/c"), line);
        assertTrue(line.contains("--conmon-pidfile /r/run/containers/c/conmon.pid"), line);
    }
}
