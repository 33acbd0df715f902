package dev.sandpod.image.store;

import dev.sandpod.image.ref.Digest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChainIdsTest {
    private static final Digest A = Digest.sha256("a".getBytes(StandardCharsets.UTF_8));
    private static final Digest B = Digest.sha256("b".getBytes(StandardCharsets.UTF_8));

    @Test
    void theChainIdOfOneLayerIsItsDiffId() {
        assertEquals(List.of(A), ChainIds.of(List.of(A)));
    }

    @Test
    void theChainIdOfTwoLayersHashesBothDiffIdsWithASpace() {
        // printf '%s %s' sha256:ca97...48bb sha256:3e23...009d | sha256sum
        assertEquals("sha256:51c0c8ace48498d6f5fee6b0592cc06f2da0f3cbe09c5a34a97dce85c3889676",
                ChainIds.of(List.of(A, B)).get(1).toString());
        assertEquals(A, ChainIds.of(List.of(A, B)).get(0));
    }

    @Test
    void noLayersHaveNoChainIds() {
        assertEquals(List.of(), ChainIds.of(List.of()));
    }
}
