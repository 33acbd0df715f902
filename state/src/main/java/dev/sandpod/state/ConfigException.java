package dev.sandpod.state;

import dev.sandpod.core.SandpodException;

import java.nio.file.Path;

/** config.json is malformed; the message names the file, line and field. */
public final class ConfigException extends SandpodException {
    public ConfigException(Path file, int line, String field, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (field.isEmpty() ? "" : ": field '" + field + "'") + ": " + problem,
                "fix the file (see the README's Configuration section) or move it away to use the defaults");
    }
}
