package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.client.model.RunSandboxResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `sandpod run`: a sandbox with one service and its main container, networked; prints the name once it started. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run IMAGE in a new sandbox (pulled if not stored); prints the sandbox's name once its container has started.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", description = "The sandbox's name (default: generated).")
    String name;

    @Option(names = "--restart", paramLabel = "POLICY", description = "always, on-failure or never (default).")
    String restart;

    @Mixin
    LimitOptions limitOptions = new LimitOptions();



    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "Environment variable (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "name, uid, uid:gid or name:group, from the image's /etc/passwd and /etc/group (default: the image's User, else root).")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory (default: the image's).")
    String workdir;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add a capability (repeatable).")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop a capability (repeatable).")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the root filesystem read-only.")
    boolean readOnly;

    @Option(names = {"-v", "--volume"}, paramLabel = "SRC:DST[:ro]", description = "Bind-mount a host directory (repeatable).")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--runtime", paramLabel = "RUNTIME",
            description = "runc (default) or runsc: gVisor, a user-space kernel, the stronger isolation class.")
    String runtime;
    @Option(names = "--secret", paramLabel = "NAME", description = "Registry secret to pull the image with, if it is not stored.")
    String secret;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to run.")
    String image;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Replace the image's entrypoint and command (after --).")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws ApiException, SandpodException {
        RunSandboxRequest request = new RunSandboxRequest(image, name, argv(), env, user, workdir, restart, limitOptions.memory,
                limitOptions.cpus, limitOptions.pids, capAdd, capDrop, readOnly, volumes, runtime, secret);
        RunSandboxResult result = Cli.client(spec).runSandbox(request);
        Cli.out(spec).println(result.name());
        return 0;
    }

    /** The container's argv: options stop at IMAGE, so a `--` right after it is only the separator. */
    private List<String> argv() {
        return !args.isEmpty() && args.getFirst().equals("--") ? args.subList(1, args.size()) : args;
    }
}
