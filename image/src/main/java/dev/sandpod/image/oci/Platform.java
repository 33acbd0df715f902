package dev.sandpod.image.oci;

import java.util.Locale;
import java.util.Optional;

/** An OS/architecture pair such as {@code linux/amd64} or {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, Optional<String> variant) {

    public static Platform parse(String text) {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("platform '" + text + "' is not OS/ARCH[/VARIANT], for example linux/amd64");
        }
        return new Platform(parts[0], normaliseArch(parts[1]), parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    /** The platform this JVM runs on, in OCI (Go) architecture names. */
    public static Platform host() {
        return new Platform("linux", normaliseArch(System.getProperty("os.arch")), Optional.empty());
    }

    private static String normaliseArch(String arch) {
        return switch (arch) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    /** Whether an index entry's platform serves this wanted platform (a missing variant matches any). */
    public boolean accepts(Platform offered) {
        return os.equals(offered.os) && architecture.equals(offered.architecture)
                && (variant.isEmpty() || variant.equals(offered.variant));
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
