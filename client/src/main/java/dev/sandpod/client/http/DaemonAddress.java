package dev.sandpod.client.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Where a daemon serves its API: its unix socket, or a loopback TCP port (which needs a bearer token). */
public sealed interface DaemonAddress {
    /** A connected channel; nobody listening is a {@link java.net.ConnectException} or {@link java.net.SocketException}. */
    SocketChannel open() throws IOException;

    static DaemonAddress unix(Path socket) {
        return new Unix(socket);
    }

    static DaemonAddress tcp(String host, int port) {
        return new Tcp(host, port);
    }

    record Unix(Path socket) implements DaemonAddress {
        @Override
        public SocketChannel open() throws IOException {
            return connect(SocketChannel.open(StandardProtocolFamily.UNIX), UnixDomainSocketAddress.of(socket));
        }

        @Override
        public String toString() {
            return socket.toString();
        }
    }

    record Tcp(String host, int port) implements DaemonAddress {
        public Tcp {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
            }
        }

        @Override
        public SocketChannel open() throws IOException {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new java.net.UnknownHostException(host);
            }
            return connect(SocketChannel.open(), address);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private static SocketChannel connect(SocketChannel channel, java.net.SocketAddress to) throws IOException {
        try {
            channel.connect(to);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
