package dev.sandpod.api;

import dev.sandpod.api.http.ApiHandler;
import dev.sandpod.api.http.DaemonLog;
import dev.sandpod.api.http.JsonErrorHandler;
import dev.sandpod.api.http.TokenGuard;
import dev.sandpod.core.SandpodException;
import dev.sandpod.sandbox.SandboxService;
import dev.sandpod.state.RootLayout;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A running daemon for one root: holds the root's lock, opens the root's {@link SandboxService} (which recovers
 * half-made steps of a daemon that died), runs its reconciler on a timer and serves the API on
 * RUNTIME_DIR/sandpod.sock (mode 0660), and with {@link DaemonOptions#listen} on a loopback TCP port too, there only
 * to requests with the root's bearer token ({@link DaemonToken}, ROOT/daemon.token). {@link #stop()} is graceful and
 * idempotent; it stops serving and the timer and nothing else: containers outlive it, and the next daemon
 * re-attaches to them.
 */
public final class Daemon implements AutoCloseable {
    private static final String SOCKET_MODE = "rw-rw----";
    private final RootLayout layout;
    private final DaemonLock lock;
    private final Server server;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean stopping;
    private SandboxService sandboxes;
    private ReconcileTimer reconciler;
    private ServerConnector tcp;

    private Daemon(RootLayout layout, DaemonLock lock, Server server) {
        this.layout = layout;
        this.lock = lock;
        this.server = server;
    }

    /** Takes the root's lock and starts serving; returns once the socket accepts connections. */
    public static Daemon start(RootLayout layout, DaemonOptions options)
            throws DaemonAlreadyRunningException, DaemonStartFailedException, ListenAddressException {
        if (options.listen().isPresent()) {
            LoopbackAddress.check(options.listen().get());
        }
        Path socket = layout.daemonSocket();
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length >= UnixDomainServerConnector.MAX_UNIX_DOMAIN_PATH_LENGTH) {
            throw new DaemonStartFailedException("the socket path " + socket + " is too long for a unix socket (at most "
                    + (UnixDomainServerConnector.MAX_UNIX_DOMAIN_PATH_LENGTH - 1) + " bytes)", "use a shorter --root", null);
        }
        DaemonLock lock = DaemonLock.acquire(layout);
        Server server = new Server(new QueuedThreadPool(200, 4));
        Daemon daemon = new Daemon(layout, lock, server);
        try {
            daemon.sandboxes = SandboxService.open(layout, new SandboxService.Config(options.backOff()));
        } catch (SandpodException | RuntimeException e) {
            daemon.stop();
            throw new DaemonStartFailedException("the daemon can't open the sandboxes of " + layout.root() + ": "
                    + e.getMessage(), e instanceof SandpodException s ? s.hint().orElse(null) : "see the daemon's log", e);
        }
        try {
            Files.deleteIfExists(socket); // left by a daemon that died: we hold the lock, so nobody serves it
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            UnixDomainServerConnector connector = new UnixDomainServerConnector(server, new HttpConnectionFactory(http));
            connector.setUnixDomainPath(socket);
            server.addConnector(connector);
            ApiContext context = new ApiContext(layout, options, daemon.sandboxes, daemon::stop);
            Handler api = new ApiHandler(Routes.of(context), options.maxJsonBytes());
            if (options.listen().isPresent()) {
                daemon.tcp = tcpConnector(server, http, options.listen().get());
                api = new TokenGuard(daemon.tcp, DaemonToken.loadOrCreate(layout.daemonToken()), api);
            }
            server.setHandler(new GracefulHandler(api));
            server.setErrorHandler(new JsonErrorHandler());
            server.setStopTimeout(options.stopGrace().toMillis());
            server.setStopAtShutdown(false);
            server.start();
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(SOCKET_MODE));
            daemon.reconciler = ReconcileTimer.start(daemon.sandboxes.reconciler(), options.reconcileInterval());
        } catch (DaemonStartFailedException e) {
            daemon.stop();
            throw e;
        } catch (Exception e) {
            daemon.stop();
            throw new DaemonStartFailedException("the daemon can't serve on " + socket + ": " + e.getMessage(),
                    "check that " + layout.runtimeDir() + " is writable and the path is not in use", e);
        }
        daemon.sandboxes.recovery().done().forEach(step -> DaemonLog.info("recovered: " + step));
        daemon.sandboxes.recovery().failures().forEach(f -> DaemonLog.failure("recovery failed (the reconciler retries)", f));
        DaemonLog.info("sandpod daemon " + SandpodVersion.VERSION + " (pid " + ProcessHandle.current().pid() + ") serves "
                + layout.root() + " on " + socket);
        daemon.tcpAddress().ifPresent(address -> DaemonLog.info("also on TCP " + address.getHostString() + ":" + address.getPort()
                + ", for requests with the bearer token in " + layout.daemonToken()));
        return daemon;
    }

    private static ServerConnector tcpConnector(Server server, HttpConfiguration http, InetSocketAddress address) {
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        return connector;
    }

    public Path socket() {
        return layout.daemonSocket();
    }

    /** The TCP listener's address (its port picked by the system if 0 was asked for), when there is one. */
    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcp).map(c -> new InetSocketAddress(c.getHost(), c.getLocalPort()));
    }

    /** Stops serving (requests in flight get the grace period), removes the socket, releases the lock. */
    public void stop() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        try {
            server.stop();
        } catch (Exception e) {
            DaemonLog.failure("stopping the HTTP server failed", e);
        }
        if (reconciler != null) {
            reconciler.stop();
        }
        if (sandboxes != null) {
            try {
                sandboxes.close();
            } catch (SandpodException e) {
                DaemonLog.failure("can't close the sandbox state", e);
            }
        }
        try {
            Files.deleteIfExists(layout.daemonSocket());
        } catch (IOException e) {
            DaemonLog.failure("can't remove the socket " + layout.daemonSocket(), e);
        }
        try {
            lock.close();
        } catch (IOException e) {
            DaemonLog.failure("can't release the daemon lock", e);
        }
        DaemonLog.info("sandpod daemon stopped");
        stopped.countDown();
    }

    /** Waits until {@link #stop()} has finished (from a request, a signal or another thread). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }
}
