package dev.sandpod.cli;

import java.util.regex.Pattern;

/**
 * One side of {@code sandpod cp}, as {@code docker cp} reads it: {@code -} (a tar stream on stdin or stdout),
 * {@code NAME:PATH} (a path in a sandbox), or a local path. A local path with a colon can be written {@code ./a:b};
 * an absolute path or one starting with {@code .} is always local.
 */
sealed interface CopyTarget {
    Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    record Stdio() implements CopyTarget {
    }

    record Local(String path) implements CopyTarget {
    }

    record Remote(String sandbox, String path) implements CopyTarget {
        @Override
        public String toString() {
            return sandbox + ":" + path;
        }
    }

    static CopyTarget parse(String arg) {
        if (arg.equals("-")) {
            return new Stdio();
        }
        int colon = arg.indexOf(':');
        if (arg.startsWith("/") || arg.startsWith(".") || colon <= 0) {
            return new Local(arg);
        }
        String target = arg.substring(0, colon);
        String path = arg.substring(colon + 1);
        String[] parts = target.split("/", -1);
        if (parts.length == 2 && NAME.matcher(parts[0]).matches() && NAME.matcher(parts[1]).matches()) {
            throw new UsageException("'" + target + "' names a service, and a sandbox has one service for now: write NAME:PATH"
                    + " (or ./" + arg + " for a local path)");
        }
        if (!NAME.matcher(target).matches()) {
            return new Local(arg);
        }
        if (path.isEmpty()) {
            throw new UsageException("give the path in sandbox " + target + " after the colon, such as " + target + ":/tmp");
        }
        return new Remote(target, path);
    }
}
