package dev.custos.scheduler.recovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the shared RabbitMQ, so that a test can take "the broker" away from one
 * run (close the relay: every connection through it drops and new ones are refused) without
 * stopping the broker other tests use, and bring it back on the same port.
 */
final class BrokerProxy implements AutoCloseable {

    private final String host;
    private final int port;
    private final int listenPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    private BrokerProxy(String host, int port, int listenPort) {
        this.host = host;
        this.port = port;
        this.listenPort = listenPort;
    }

    /** A relay to {@code host:port} listening on a free loopback port. */
    static BrokerProxy start(String host, int port) throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            free = probe.getLocalPort();
        }
        BrokerProxy proxy = new BrokerProxy(host, port, free);
        proxy.open();
        return proxy;
    }

    int port() {
        return listenPort;
    }

    /** Listens again (after {@link #cut()}) on the same port. */
    void open() throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.setReuseAddress(true);
        listening.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "broker-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The broker is gone: every connection through the relay dropped, new ones refused. */
    void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket broker = new Socket(host, port);
                sockets.add(client);
                sockets.add(broker);
                pump(client, broker);
                pump(broker, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException dropped) {
                // the other side or cut() closed it
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "broker-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
