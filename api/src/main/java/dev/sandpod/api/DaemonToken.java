package dev.sandpod.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The bearer token of the daemon's TCP listener, kept in a file only its owner can read (0600). Made on first use
 * from 32 random bytes; a file that others may read, or a token short enough to guess, is refused rather than served.
 * {@link #toString()} never shows the token.
 */
public final class DaemonToken {
    static final int MIN_LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private final Path file;
    private final byte[] token;

    private DaemonToken(Path file, byte[] token) {
        this.file = file;
        this.token = token;
    }

    public Path file() {
        return file;
    }

    /** The token in {@code file}, made there first if there is none. */
    public static DaemonToken loadOrCreate(Path file) throws DaemonStartFailedException {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                create(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new DaemonStartFailedException("can't read or make the API token " + file + ": " + e.getMessage(),
                    "check that " + file.getParent() + " is writable", e);
        }
    }

    /** Whether {@code presented} is the token; takes the same time wherever they differ. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        // Made 0600 from the start (never readable by others, not even for a moment), then renamed into place.
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temp, HexFormat.of().formatHex(random) + "\n");
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(temp);
        }
    }

    private static DaemonToken load(Path file) throws IOException, DaemonStartFailedException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new DaemonStartFailedException("the API token " + file + " is not a regular file",
                    "remove it; the daemon makes a new one", null);
        }
        Set<PosixFilePermission> mode = attributes.permissions();
        if (!OWNER_ONLY.containsAll(mode)) {
            throw new DaemonStartFailedException("the API token " + file + " may be read by others (mode "
                    + PosixFilePermissions.toString(mode) + "), so it can't guard the TCP listener",
                    "chmod 600 " + file + " if nobody else has read it, or remove it and the daemon makes a new one", null);
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new DaemonStartFailedException("the API token in " + file + " is shorter than " + MIN_LENGTH
                    + " characters or has spaces or non-ASCII characters",
                    "remove it and the daemon makes a new one, or write a longer random one", null);
        }
        return new DaemonToken(file, token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "DaemonToken[" + file + "]";
    }
}
