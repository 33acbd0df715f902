package dev.sandpod.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pod's {@code /etc/hosts} and {@code /etc/resolv.conf}, written once into a directory of the sandbox and
 * bind-mounted writable into its containers. A file that already exists is never rewritten, so a user's edits
 * survive container restarts and daemon restarts.
 */
public final class PodFiles {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final Pattern IP = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** An extra {@code /etc/hosts} line: one address and its names. */
    public record HostEntry(String ip, List<String> names) {
        public HostEntry {
            names = List.copyOf(names);
            checkIp(ip);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a hosts entry for " + ip + " needs at least one name");
            }
            names.forEach(PodFiles::checkName);
        }
    }

    /** The two files, at {@code DIR/hosts} and {@code DIR/resolv.conf}. */
    public record Paths(Path hosts, Path resolvConf) {
    }

    private PodFiles() {
    }

    /**
     * Writes {@code hosts} (localhost for IPv4 and IPv6, the pod's IP with its hostname, then {@code extra}) and
     * {@code resolv.conf} ({@code nameservers}, then {@code search} domains) into {@code dir}, each only if it does
     * not exist yet. Files are 0644.
     */
    public static Paths writeOnce(Path dir, String hostname, String podIp, List<HostEntry> extra,
                                  List<String> nameservers, List<String> search) throws IOException {
        checkName(hostname);
        checkIp(podIp);
        nameservers.forEach(PodFiles::checkIp);
        search.forEach(PodFiles::checkName);
        StringBuilder hosts = new StringBuilder()
                .append("127.0.0.1\tlocalhost\n")
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append(podIp).append('\t').append(hostname).append('\n');
        for (HostEntry entry : extra) {
            hosts.append(entry.ip()).append('\t').append(String.join(" ", entry.names())).append('\n');
        }
        StringBuilder resolv = new StringBuilder();
        for (String ns : nameservers) {
            resolv.append("nameserver ").append(ns).append('\n');
        }
        if (!search.isEmpty()) {
            resolv.append("search ").append(String.join(" ", search)).append('\n');
        }
        Files.createDirectories(dir);
        Paths paths = new Paths(dir.resolve("hosts"), dir.resolve("resolv.conf"));
        createOnce(paths.hosts(), hosts.toString());
        createOnce(paths.resolvConf(), resolv.toString());
        return paths;
    }

    /** Writes a temporary file and hard-links it into place: atomic, and never replaces an existing file. */
    private static void createOnce(Path target, String content) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            // written by someone else in the meantime: theirs stays
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid host name: '" + name + "'");
        }
    }

    private static void checkIp(String ip) {
        if (ip == null || !IP.matcher(ip).matches() || !(ip.contains(".") || ip.contains(":"))) {
            throw new IllegalArgumentException("not an IP address: '" + ip + "'");
        }
    }
}
