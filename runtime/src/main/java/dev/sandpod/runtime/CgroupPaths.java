package dev.sandpod.runtime;

import dev.sandpod.state.RootLayout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Cgroup paths of sandpod's containers: {@code /sandpod/<root tag>/<sandbox>/<container>} in every hierarchy,
 * where the root tag (8 hex of the root's path hash) keeps roots that run side by side apart.
 */
public final class CgroupPaths {
    public static final String TOP = "/sandpod";

    private CgroupPaths() {
    }

    public static String rootTag(RootLayout layout) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(layout.root().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String forRoot(RootLayout layout) {
        return TOP + "/" + rootTag(layout);
    }

    public static String forContainer(RootLayout layout, String sandboxId, String containerId) {
        return forRoot(layout) + "/" + sandboxId + "/" + containerId;
    }
}
