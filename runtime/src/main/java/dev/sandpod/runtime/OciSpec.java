package dev.sandpod.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** An OCI runtime-spec 1.0 config.json, as {@link OciSpecBuilder} made it. */
public record OciSpec(ObjectNode json) {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public OciSpec {
        json = json.deepCopy();
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    public byte[] toBytes() {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("can't serialise an OCI spec", e);
        }
    }

    /** Writes {@code dir/config.json} atomically (temp file, then rename). */
    public Path writeTo(Path bundleDir) throws IOException {
        Path target = bundleDir.resolve("config.json");
        Path temp = bundleDir.resolve(".config.json.tmp");
        Files.write(temp, toBytes());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    public static OciSpec read(Path bundleDir) throws IOException {
        return new OciSpec((ObjectNode) JSON.readTree(bundleDir.resolve("config.json").toFile()));
    }
}
