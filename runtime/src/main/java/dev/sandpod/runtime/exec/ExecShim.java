package dev.sandpod.runtime.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exec shim (src/main/c/sandpod-exec-shim.c, built with the jar) placed as an executable file: the jar
 * carries it as a resource, and it is copied once per content into the root's runtime dir, named by its hash so
 * daemons of different builds never overwrite each other's.
 */
public final class ExecShim {
    private static final String RESOURCE = "sandpod-exec-shim";
    private static final ConcurrentHashMap<Path, Path> INSTALLED = new ConcurrentHashMap<>();

    private ExecShim() {
    }

    /** The shim's path under {@code runtimeDir}/bin, copying it there first if needed. */
    public static Path installed(Path runtimeDir) throws IOException {
        Path known = INSTALLED.get(runtimeDir);
        if (known != null && Files.isExecutable(known)) {
            return known;
        }
        byte[] bytes;
        try (InputStream in = ExecShim.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the exec shim is missing from sandpod's jar: rebuild sandpod (it needs a C compiler, `cc`)");
            }
            bytes = in.readAllBytes();
        }
        Path bin = runtimeDir.resolve("bin");
        Path target = bin.resolve(RESOURCE + "-" + hash(bytes));
        if (!Files.isExecutable(target)) {
            Files.createDirectories(bin);
            Path temp = Files.createTempFile(bin, RESOURCE, ".tmp");
            try {
                Files.write(temp, bytes);
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        INSTALLED.put(runtimeDir, target);
        return target;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
