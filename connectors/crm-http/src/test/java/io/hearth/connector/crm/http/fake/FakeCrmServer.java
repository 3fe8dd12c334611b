package io.hearth.connector.crm.http.fake;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A CRM faked on 127.0.0.1 with the JDK's own HTTP server (no dependency), for the tests of
 * crm-http and of every CRM connector: depend on {@code hearth-connector-crm-http} with
 * {@code <type>test-jar</type>} and test scope.
 *
 * <pre>{@code
 * try (FakeCrmServer crm = FakeCrmServer.start()) {
 *     crm.on("GET", "/crm/v3/objects/contacts",
 *             FakeReply.json(429, "{}").withHeader("Retry-After", "2"),
 *             FakeReply.json(200, "{\"results\":[]}"));
 *     ... point the connector's base_url at crm.baseUrl() ...
 *     assertThat(crm.requests("GET", "/crm/v3/objects/contacts")).hasSize(2);
 * }
 * }</pre>
 * A route answers with its replies in turn and repeats the last one; a route given a function answers
 * whatever it returns (paging by the request's cursor). A request no route matches is answered 404
 * and kept in {@link #unmatched()}, so a test can assert that nothing unexpected was called.
 */
public final class FakeCrmServer implements AutoCloseable {
    /** The longest a {@link FakeReply#stall()} holds a connection, should the test forget to close. */
    private static final long STALL_LIMIT_SECONDS = 30;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, Function<RecordedRequest, FakeReply>> routes = new LinkedHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> unmatched = new CopyOnWriteArrayList<>();

    private FakeCrmServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static FakeCrmServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // stalled answers hold a thread each; daemon threads never keep a test JVM alive
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fake-crm");
                thread.setDaemon(true);
                return thread;
            });
            FakeCrmServer fake = new FakeCrmServer(server, executor);
            server.createContext("/", fake::handle);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake CRM on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} with these replies in turn, the last one repeated; replaces an earlier route. */
    public FakeCrmServer on(String method, String path, FakeReply... replies) {
        if (replies.length == 0) {
            throw new IllegalArgumentException("give at least one reply");
        }
        Deque<FakeReply> queue = new ArrayDeque<>(List.of(replies));
        return on(method, path, request -> {
            synchronized (queue) {
                return queue.size() > 1 ? queue.poll() : queue.peek();
            }
        });
    }

    /** Answers {@code method path} with what {@code handler} returns for each request. */
    public FakeCrmServer on(String method, String path, Function<RecordedRequest, FakeReply> handler) {
        requireNonNull(handler, "handler is null");
        synchronized (routes) {
            routes.put(key(method, path), handler);
        }
        return this;
    }

    /** Every request received, in order of arrival. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests received for one route. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    /** The requests no route matched (answered 404). */
    public List<RecordedRequest> unmatched() {
        return List.copyOf(unmatched);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        // HttpExchange is AutoCloseable only from JDK 18 on
        try {
            RecordedRequest request = record(exchange);
            requests.add(request);
            Function<RecordedRequest, FakeReply> handler;
            synchronized (routes) {
                handler = routes.get(key(request.method(), request.path()));
            }
            if (handler == null) {
                unmatched.add(request);
                send(
                        exchange,
                        FakeReply.json(
                                404,
                                "{\"message\":\"FakeCrmServer has no route for " + request.method() + " "
                                        + request.path() + "\"}"));
                return;
            }
            send(exchange, handler.apply(request));
        } finally {
            exchange.close();
        }
    }

    private void send(HttpExchange exchange, FakeReply reply) throws IOException {
        switch (reply.fault()) {
            case STALL -> {
                try {
                    closing.await(STALL_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case DROP -> {
                // closing an exchange before its headers are sent closes the connection itself
            }
            case NONE -> {
                reply.headers()
                        .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                byte[] body = reply.bodyBytes();
                exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new RecordedRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                rawQuery == null ? "" : rawQuery,
                Map.copyOf(headers),
                exchange.getRequestBody().readAllBytes());
    }

    private static String key(String method, String path) {
        return requireNonNull(method, "method is null").toUpperCase(Locale.ROOT) + " "
                + requireNonNull(path, "path is null");
    }

    @Override
    public String toString() {
        synchronized (routes) {
            return "FakeCrmServer " + baseUrl() + " " + new ArrayList<>(routes.keySet());
        }
    }
}
