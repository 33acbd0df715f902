package dev.sandpod.api;

/** The version the daemon reports; one place to bump. */
public final class SandpodVersion {
    public static final String VERSION = "0.1.0";
    public static final String API_VERSION = "v1";

    private SandpodVersion() {
    }
}
