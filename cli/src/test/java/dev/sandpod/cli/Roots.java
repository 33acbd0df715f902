package dev.sandpod.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the end-to-end tests look at in a root, and the user steps they repeat (secrets, getting an image into a registry). */
final class Roots {
    private static final Pattern DIGEST = Pattern.compile("\\((sha256:[0-9a-f]{64})\\)");

    private Roots() {
    }

    /** Every file under ROOT/content/blobs, relative to it. */
    static Set<String> blobs(Path root) throws IOException {
        return files(root.resolve("content/blobs"));
    }

    /** Every partial download under ROOT/content/ingest. */
    static Set<String> partials(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String f : files(root.resolve("content/ingest"))) {
            if (f.endsWith(".partial")) {
                out.add(f);
            }
        }
        return out;
    }

    static Set<String> files(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString()));
        }
        return out;
    }

    /** `image ls` as a user sees it. */
    static String ls(Path root) {
        return ok(CliRun.run(root, "image", "ls")).out();
    }

    static CliRun ok(CliRun run) {
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }

    static void secret(Path root, String name, String server, String user, String password) {
        ok(CliRun.runWithStdin(root, password.getBytes(StandardCharsets.UTF_8),
                "secret", "create", "registry", name, "--server", server, "--username", user, "--password-stdin"));
    }

    /** The manifest digest a `pulled`/`pushed`/`loaded` line names. */
    static String digestIn(String text) {
        Matcher m = DIGEST.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no digest in: " + text);
        }
        return m.group(1);
    }

    /**
     * Gets an image into a registry as a user would: load the archive into a scratch root, tag it as
     * {@code target}, push it (with the secret, if any). Returns the pushed manifest digest.
     */
    static String pushArchive(Path scratchRoot, Path archive, String loadedName, String target, String secret) {
        ok(CliRun.run(scratchRoot, "image", "load", archive.toString()));
        ok(CliRun.run(scratchRoot, "image", "tag", loadedName, target));
        CliRun push = secret == null ? CliRun.run(scratchRoot, "image", "push", target)
                : CliRun.run(scratchRoot, "image", "push", "--secret", secret, target);
        ok(push);
        return digestIn(push.out());
    }

    /** A busybox image pushed to {@code target} from a scratch root under {@code work}; returns the manifest digest. */
    static String pushBusybox(Path work, String target, String server, String user, String password) throws IOException {
        Path scratch = Files.createTempDirectory(work, "push-root-");
        Path archive = TestImages.busyboxArchive(work, "test/busybox:src");
        String secret = null;
        if (user != null) {
            secret = "push";
            secret(scratch, secret, server, user, password);
        }
        return pushArchive(scratch, archive, "test/busybox:src", target, secret);
    }

    static void writeConfig(Path root, String json) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve("config.json"), json);
    }
}
