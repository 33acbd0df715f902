package dev.sandpod.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a user can see of a store: `image ls` and the files under content/blobs and layers. */
record StoreState(String images, TreeSet<String> blobs, TreeSet<String> layers) {

    static StoreState of(Path root) {
        CliRun ls = CliRun.run(root, "image", "ls", "--output", "json");
        assertEquals(0, ls.exitCode(), ls.toString());
        return new StoreState(ls.out().replaceAll("\"lastUsed\" : \"[^\"]*\"", ""),
                files(root.resolve("content/blobs")), files(root.resolve("layers")));
    }

    static TreeSet<String> files(Path dir) {
        TreeSet<String> out = new TreeSet<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.forEach(p -> out.add(dir.relativize(p).toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Layer directories (chain id hex) directly under ROOT/layers. */
    static List<String> layerDirs(Path root) {
        try (Stream<Path> list = Files.list(root.resolve("layers"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
