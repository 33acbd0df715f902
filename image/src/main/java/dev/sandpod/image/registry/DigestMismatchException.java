package dev.sandpod.image.registry;

import dev.sandpod.image.ref.Digest;

/** Content from the registry does not hash to the digest it should have: corrupt, tampered or mislabelled. */
public final class DigestMismatchException extends RegistryException {
    private final Digest expected;
    private final Digest actual;

    /** @param what the manifest or blob, such as {@code manifest 127.0.0.1:5000/app:v1} */
    public DigestMismatchException(String registry, String repository, String what, Digest expected, Digest actual) {
        super(registry, repository,
                what + " from registry " + registry + " has digest " + actual + " but " + expected + " was expected",
                "the registry served different content than it named; if you pinned a digest, check it, "
                        + "otherwise the registry or a proxy in between may be corrupting data", null);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
