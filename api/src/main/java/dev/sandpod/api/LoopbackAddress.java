package dev.sandpod.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The address of the daemon's TCP listener, which must be a loopback one (127.0.0.0/8 or ::1): reachable from this
 * machine's own network namespace only, so never from another machine, nor from a sandbox (each has its own
 * loopback, and a socket bound to 127.0.0.1 does not answer on the bridge's gateway address).
 */
public final class LoopbackAddress {
    private static final String HINT = "give a loopback address, such as --listen 127.0.0.1:7443 (to reach it from elsewhere,"
            + " tunnel to it, e.g. ssh -L)";

    private LoopbackAddress() {
    }

    /** Parses {@code HOST:PORT} or {@code [V6]:PORT}; port 0 picks a free one. */
    public static InetSocketAddress parse(String text) throws ListenAddressException {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ListenAddressException("--listen '" + text + "' is not HOST:PORT", HINT);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ListenAddressException("--listen '" + text + "': the port is not a number", HINT);
        }
        if (port < 0 || port > 65535) {
            throw new ListenAddressException("--listen '" + text + "': the port is not between 0 and 65535", HINT);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ListenAddressException("--listen '" + text + "': no such host '" + host + "'", HINT);
        }
        InetSocketAddress socket = new InetSocketAddress(address, port);
        check(socket);
        return socket;
    }

    /** Refuses anything but a loopback address (also for callers that built the address themselves). */
    public static void check(InetSocketAddress socket) throws ListenAddressException {
        if (socket.getAddress() == null || !socket.getAddress().isLoopbackAddress()) {
            throw new ListenAddressException("the daemon serves TCP only on a loopback address, not on " + socket.getHostString()
                    + ": any other one is reachable from other machines, and from the sandboxes through their gateway", HINT);
        }
    }
}
