package dev.sandpod.image.store;

import dev.sandpod.image.ref.Digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** OCI chain ids: a layer's id together with everything under it, so equal stacks share unpacked trees. */
public final class ChainIds {
    private ChainIds() {
    }

    public static List<Digest> of(List<Digest> diffIds) {
        List<Digest> out = new ArrayList<>();
        Digest previous = null;
        for (Digest diffId : diffIds) {
            previous = previous == null ? diffId
                    : Digest.sha256((previous + " " + diffId).getBytes(StandardCharsets.UTF_8));
            out.add(previous);
        }
        return out;
    }
}
