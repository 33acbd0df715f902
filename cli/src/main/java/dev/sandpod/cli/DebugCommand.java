package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.model.DebugContainerRequest;
import dev.sandpod.client.model.DebugContainerResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `sandpod debug NAME`: an ephemeral debug container in a running sandbox's pod; prints its name once it started.
 * `debug stop` and `debug rm` are its subcommands (like `daemon stop`), since they act on what `debug` made and only
 * on that: the main container is refused. A sandbox named stop or rm is debugged by its id.
 */
@Command(name = "debug", mixinStandardHelpOptions = true, subcommands = {DebugStopCommand.class, DebugRmCommand.class},
        description = {"Start a debug container in a running sandbox's pod: the pod's network, the target's PID namespace "
                + "(its files under /proc/<pid>/root), its own limits; never restarted. Prints its name.",
                "Its output: `sandpod logs --container DEBUG NAME`; stop and remove it with `debug stop` and `debug rm`."})
final class DebugCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "DEBUG", description = "The debug container's name (default: debug-<random>).")
    String name;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Its image (default: the main container's, by digest).")
    String image;

    @Mixin
    LimitOptions limitOptions = new LimitOptions();



    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "name, uid, uid:gid or name:group from the debug image's /etc/passwd and /etc/group (default: its User).")
    String user;

    @Option(names = "--target", paramLabel = "CONTAINER", description = "The container whose PID namespace it joins (default: the main one).")
    String target;

    // optional to picocli, which would otherwise demand it before `debug stop` and `debug rm` too
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The sandbox's name or id.")
    String sandbox;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "The command (after --; default: /bin/sh).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws ApiException, SandpodException {
        if (sandbox == null) {
            throw new UsageException("give the sandbox to debug: sandpod debug NAME");
        }
        DebugContainerResult result = Cli.client(spec).debugSandbox(sandbox,
                new DebugContainerRequest(image, limitOptions.memory, limitOptions.cpus, limitOptions.pids, target, args, name, user));
        Cli.out(spec).println(result.name());
        return 0;
    }
}
