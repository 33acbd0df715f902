package dev.sandpod.image.ref;

import dev.sandpod.core.crypto.Sha256;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:e3b0...}; only sha256 and sha512 are accepted, as in the OCI spec. */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
    private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        boolean ok = switch (algorithm) {
            case "sha256" -> SHA256.matcher(hex).matches();
            case "sha512" -> SHA512.matcher(hex).matches();
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("not a valid digest: " + algorithm + ":" + hex);
        }
    }

    /** Parses {@code algorithm:hex}; throws {@link InvalidReferenceException} naming the bad text. */
    public static Digest parse(String text) throws InvalidReferenceException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidReferenceException(text, "a digest is written algorithm:hex, such as sha256:<64 hex digits>");
        }
        String algorithm = text.substring(0, colon);
        String hex = text.substring(colon + 1);
        if (!algorithm.equals("sha256") && !algorithm.equals("sha512")) {
            throw new InvalidReferenceException(text, "digest algorithm '" + algorithm + "' is not supported; use sha256");
        }
        if (!(algorithm.equals("sha256") ? SHA256 : SHA512).matcher(hex).matches()) {
            throw new InvalidReferenceException(text, "a " + algorithm + " digest has "
                    + (algorithm.equals("sha256") ? 64 : 128) + " lowercase hex digits");
        }
        return new Digest(algorithm, hex);
    }

    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
    }

    public static Digest ofSha256(MessageDigest finished) {
        return new Digest("sha256", HexFormat.of().formatHex(finished.digest()));
    }

    public static MessageDigest newSha256() {
        return Sha256.newDigest();
    }

    /** A new hasher for this digest's algorithm. */
    public MessageDigest newHasher() {
        if (algorithm.equals("sha256")) {
            return Sha256.newDigest();
        }
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no " + algorithm, e);
        }
    }

    /** Whether a finished hasher of this digest's algorithm produced this digest. */
    public boolean matches(MessageDigest finished) {
        return HexFormat.of().formatHex(finished.digest()).equals(hex);
    }

    /** The first 12 hex digits, as image listings show them. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
