package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import dev.sandpod.client.model.LimitsInfo;
import dev.sandpod.state.ByteSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.concurrent.Callable;

/** `sandpod update NAME --memory/--cpus/--pids-limit`: new limits for the main container; prints those in force. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Change a sandbox's main container limits, now and for its restarts; prints the limits in force.")
final class UpdateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LimitOptions limitOptions = new LimitOptions();



    @Parameters(paramLabel = "NAME", description = "The sandbox's name or id.")
    String name;

    @Override
    public Integer call() throws ApiException, SandpodException {
        if (!limitOptions.any()) {
            throw new UsageException("give at least one of --memory, --cpus, --pids-limit");
        }
        LimitsInfo limits = Cli.client(spec).updateSandbox(name,
                new dev.sandpod.client.model.UpdateLimitsRequest(limitOptions.memory, limitOptions.cpus, limitOptions.pids));
        PrintWriter out = Cli.out(spec);
        out.println("memory: " + (limits.memoryBytes() == null ? "none" : ByteSizes.format(limits.memoryBytes())));
        out.println("cpu:    " + (limits.cpuMillis() == null ? "none"
                : BigDecimal.valueOf(limits.cpuMillis(), 3).stripTrailingZeros().toPlainString()));
        out.println("pids:   " + (limits.pids() == null ? "none" : limits.pids().toString()));
        out.flush();
        return 0;
    }
}
