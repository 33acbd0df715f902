package dev.sandpod.image.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Where a registry lives: {@code host[:port]} and whether it speaks plain HTTP instead of HTTPS. */
public record RegistryEndpoint(String host, boolean plainHttp) {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    public RegistryEndpoint {
        if (host == null || host.isBlank() || host.contains("/") || host.contains("://")) {
            throw new IllegalArgumentException("a registry endpoint is host[:port], not '" + host + "'");
        }
    }

    /**
     * Plain HTTP only for loopback hosts and hosts the user listed as insecure (by host or host:port);
     * everything else uses HTTPS, so credentials never cross a network in clear text by accident.
     */
    public static RegistryEndpoint of(String host, Set<String> insecureHosts) {
        boolean plain = isLoopback(host) || insecureHosts.contains(host) || insecureHosts.contains(hostname(host));
        return new RegistryEndpoint(host, plain);
    }

    /** Whether host[:port] names this machine by a loopback literal or {@code localhost}; never resolves DNS. */
    static boolean isLoopback(String host) {
        String name = hostname(host).toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("[::1]") || LOOPBACK_V4.matcher(name).matches();
    }

    /** The host without its port. */
    static String hostname(String host) {
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 || host.indexOf(':') != colon ? host : host.substring(0, colon);
    }

    /** {@code http://host[:port]} or {@code https://host[:port]}, without a trailing slash. */
    public String baseUrl() {
        return (plainHttp ? "http" : "https") + "://" + host;
    }

    /** An absolute URI for a path on this registry, such as {@code /v2/app/manifests/v1}. */
    URI uri(String path) {
        return URI.create(baseUrl() + path);
    }
}
