package dev.sandpod.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.ImageDetails;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show stored images in detail (JSON), with their config.")
final class ImageInspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "json (the only format; accepted for symmetry).")
    OutputFormat output = OutputFormat.JSON;

    @Parameters(paramLabel = "REF", arity = "1..*", description = "Image names or ids.")
    List<String> references;

    @Override
    public Integer call() throws ApiException, SandpodException {
        SandpodClient client = Cli.client(spec);
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (String reference : references) {
            ImageDetails details = client.inspectImage(reference);
            ObjectNode node = Json.MAPPER.valueToTree(details.image());
            node.set("imageConfig", details.config());
            array.add(node);
        }
        Cli.out(spec).println(Json.pretty(array));
        return 0;
    }
}
