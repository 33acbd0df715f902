package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerSpec;

import java.nio.file.Files;
import java.nio.file.Path;

/** A host bind mount as written on the command line: {@code SRC:DST[:ro|rw]}, both absolute, SRC existing. */
public record Volume(Path source, String destination, boolean readOnly) {
    public static Volume parse(String text) throws InvalidRequestException {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidRequestException("volume", "'" + text + "' is not SRC:DST[:ro]", "write it like /data:/data:ro");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            switch (parts[2]) {
                case "ro" -> readOnly = true;
                case "rw" -> readOnly = false;
                default -> throw new InvalidRequestException("volume", "'" + parts[2] + "' in '" + text
                        + "' is not a mount mode", "use ro or rw");
            }
        }
        if (!parts[0].startsWith("/") || !parts[1].startsWith("/")) {
            throw new InvalidRequestException("volume", "'" + text + "' needs absolute paths on both sides",
                    "named volumes are not supported yet: give a host directory");
        }
        Path source = Path.of(parts[0]).normalize();
        if (!Files.exists(source)) {
            throw new InvalidRequestException("volume", "the host path " + source + " does not exist", "create it first");
        }
        return new Volume(source, parts[1], readOnly);
    }

    ContainerSpec.BindMount toBindMount() {
        return new ContainerSpec.BindMount(source, destination, readOnly);
    }
}
