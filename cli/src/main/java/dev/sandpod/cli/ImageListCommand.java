package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.ImageSummary;
import dev.sandpod.core.SandpodException;
import dev.sandpod.state.ByteSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List stored images.")
final class ImageListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table or json (default: table).")
    OutputFormat output = OutputFormat.TABLE;

    @Option(names = {"-q", "--quiet"}, description = "Print image ids only.")
    boolean quiet;

    @Override
    public Integer call() throws ApiException, SandpodException {
        List<ImageSummary> all = Cli.client(spec).listImages();
        PrintWriter out = Cli.out(spec);
        if (output == OutputFormat.JSON) {
            out.println(Json.pretty(Json.MAPPER.valueToTree(all)));
            return 0;
        }
        if (quiet) {
            all.forEach(i -> out.println(PullProgressPrinter.shortHex(i.id())));
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"NAME", "TAG", "IMAGE ID", "PLATFORM", "SIZE"});
        for (ImageSummary image : all) {
            List<String> names = image.names().isEmpty() ? List.of("<none>") : image.names();
            for (String name : names) {
                int at = name.indexOf('@');
                int colon = name.lastIndexOf(':');
                String repo = at >= 0 ? name.substring(0, at) : colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
                String tag = at >= 0 ? "<none>" : colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "<none>";
                rows.add(new String[]{repo, tag, PullProgressPrinter.shortHex(image.id()), image.platform(), ByteSizes.format(image.size())});
            }
        }
        Table.print(out, rows);
        return 0;
    }
}
