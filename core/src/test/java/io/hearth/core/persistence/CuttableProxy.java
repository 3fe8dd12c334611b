package io.hearth.core.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP proxy on a loopback port in front of a database server, standing in for the network: a test
 * {@link #cut}s it (every open connection is dropped, new ones are reset at once, as when the
 * database's host goes away) and {@link #restore}s it. It only ever listens on 127.0.0.1, and keeps
 * its port while cut: giving the port up and binding it again on restore failed when another test
 * JVM's proxy took it meanwhile.
 */
public final class CuttableProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cuttable-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final int port;
    private final ServerSocket listener;
    private boolean isCut;

    private CuttableProxy(InetSocketAddress target) {
        this.target = target;
        this.listener = listenBelowEphemeralPorts();
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    public static CuttableProxy to(String host, int port) {
        return new CuttableProxy(new InetSocketAddress(host, port));
    }

    /** The loopback port to connect to instead of the target's. */
    public int port() {
        return port;
    }

    /** Drops every connection through the proxy and refuses new ones until {@link #restore}. */
    public synchronized void cut() {
        isCut = true;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Takes connections again, on the same port. */
    public synchronized void restore() {
        isCut = false;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
        threads.shutdownNow();
    }

    /**
     * A port the kernel never hands out as the local end of an outgoing connection (Linux takes
     * those from 32768 up), so no other connection can take it while the proxy is cut and
     * {@link #restore} gets it back (one that came from port 0 was taken once on a busy machine).
     */
    private static ServerSocket listenBelowEphemeralPorts() {
        UncheckedIOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return listen(20_000 + ThreadLocalRandom.current().nextInt(12_000));
            } catch (UncheckedIOException taken) {
                last = taken;
            }
        }
        throw last;
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private void acceptOn(ServerSocket on) {
        threads.execute(() -> {
            while (!on.isClosed()) {
                Socket client;
                try {
                    client = on.accept();
                } catch (IOException e) {
                    return; // closed
                }
                synchronized (this) {
                    if (isCut) {
                        reset(client);
                        continue;
                    }
                }
                Socket server = new Socket();
                try {
                    client.setTcpNoDelay(true); // the protocols go back and forth: no Nagle delays
                    server.setTcpNoDelay(true);
                    server.connect(target, 2_000);
                    synchronized (this) {
                        if (isCut) { // cut meanwhile
                            reset(client);
                            closeQuietly(server);
                            continue;
                        }
                        sockets.add(client);
                        sockets.add(server);
                    }
                    threads.execute(() -> pump(client, server));
                    threads.execute(() -> pump(server, client));
                } catch (IOException e) {
                    // the target refused: so does the proxy
                    closeQuietly(client);
                    closeQuietly(server);
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or one side hung up
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    /** Closes with a reset, not an orderly end: the client sees its connection fail at once. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already gone
        }
    }
}
