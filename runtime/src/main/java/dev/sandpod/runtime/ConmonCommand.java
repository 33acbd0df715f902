package dev.sandpod.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * conmon 2.1's command line for one container: it runs {@code runc --root R --log L --log-format json create}
 * on the bundle, reports the container's pid (or runc's error) as one JSON message on the sync pipe
 * ({@code _OCI_SYNCPIPE}, API version 1), then detaches (double fork, setsid) and watches the container: it
 * writes the CRI-format log ({@code k8s-file:}), the exit file {@code exit-dir/<id>} and the attach socket
 * ({@code socket-dir-path/<id>} links to the bundle, where {@code attach}, {@code ctl} and {@code winsz} are).
 */
public final class ConmonCommand {
    private ConmonCommand() {
    }

    public static List<String> argv(Path conmon, Path runc, ContainerPaths paths) {
        return argv(conmon, runc, List.of("--root=" + paths.runcRoot()), paths);
    }

    /**
     * As {@link #argv(Path, Path, ContainerPaths)} for any OCI runtime: {@code globalArgs} (its {@code --root} and,
     * for runsc, platform and network) come before runc-style {@code --log-format=json --log=L}.
     */
    public static List<String> argv(Path conmon, Path runtime, List<String> globalArgs, ContainerPaths paths) {
        Path runc = runtime;
        String id = paths.containerId();
        List<String> argv = new ArrayList<>(List.of(conmon.toString(),
                "--api-version", "1",
                "--cid", id, "--cuuid", id, "--name", id,
                "--runtime", runc.toString(),
                "--bundle", paths.dir().toString(),
                "--container-pidfile", paths.containerPidFile().toString(),
                "--conmon-pidfile", paths.conmonPidFile().toString(),
                "--exit-dir", paths.exitDir().toString(),
                "--socket-dir-path", paths.socketDir().toString(),
                "--persist-dir", paths.runtimeFilesDir().toString(),
                "--log-path", "k8s-file:" + paths.logFile(),
                "--log-level", "error"));
        List<String> runtimeArgs = new ArrayList<>(globalArgs);
        runtimeArgs.addAll(List.of("--log-format=json", "--log=" + paths.runcLog()));
        for (String arg : runtimeArgs) {
            argv.add("--runtime-arg");
            argv.add(arg);
        }
        return List.copyOf(argv);
    }
}
