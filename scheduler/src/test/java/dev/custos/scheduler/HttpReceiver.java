package dev.custos.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that receives what the application posts (alert webhooks, chat
 * rooms): each path answers with the status its test says, and keeps the requests it accepted
 * (answered 2xx) in the order they came.
 */
public final class HttpReceiver implements AutoCloseable {

    /** A request accepted: its body and headers. */
    public record Received(String body, Headers headers) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

    private HttpReceiver(HttpServer server) {
        this.server = server;
    }

    public static HttpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.start();
            return new HttpReceiver(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests to {@code path} with the status {@code status} gives each time. */
    public HttpReceiver answering(String path, IntSupplier status) {
        List<Received> accepted = received.computeIfAbsent(path, ignored -> new CopyOnWriteArrayList<>());
        server.createContext(path, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int answer = status.getAsInt();
            if (answer / 100 == 2) {
                accepted.add(new Received(body, exchange.getRequestHeaders()));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        return this;
    }

    /** Answers requests to {@code path} with {@code status}, always. */
    public HttpReceiver answering(String path, int status) {
        return answering(path, () -> status);
    }

    /** The requests {@code path} accepted so far, oldest first (a live view). */
    public List<Received> received(String path) {
        return received.get(path);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
