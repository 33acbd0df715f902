package dev.sandpod.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.store.ImageRecord;
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
    public Integer call() throws SandpodException {
        try (ImageService images = Cli.images(spec)) {
            List<ImageRecord> all = images.list();
            PrintWriter out = Cli.out(spec);
            if (output == OutputFormat.JSON) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                all.forEach(i -> array.add(Json.image(i)));
                out.println(Json.pretty(array));
                return 0;
            }
            if (quiet) {
                all.forEach(i -> out.println(i.manifestDigest().shortHex()));
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"NAME", "TAG", "IMAGE ID", "PLATFORM", "SIZE"});
            for (ImageRecord image : all) {
                List<String> names = image.names().isEmpty() ? List.of("<none>") : image.names();
                for (String name : names) {
                    int at = name.indexOf('@');
                    int colon = name.lastIndexOf(':');
                    String repo = at >= 0 ? name.substring(0, at) : colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
                    String tag = at >= 0 ? "<none>" : colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "<none>";
                    rows.add(new String[]{repo, tag, image.manifestDigest().shortHex(), image.platform().toString(), ByteSizes.format(image.size())});
                }
            }
            Table.print(out, rows);
        }
        return 0;
    }
}
