package org.billrun.erp.tryton;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP server on 127.0.0.1 that answers JSON-RPC calls the way Tryton does, from a script of
 * answers, and records what it was sent. For the protocol's edges a real trytond will not show on demand:
 * an expired session, a 5xx, a garbage body, a late answer.
 */
final class FakeTryton implements AutoCloseable {

    static final String SESSION_KEY = "f00dfeedsessionkey";

    /** One received call: its method, its params and its Authorization header. */
    record Call(String method, JsonNode params, String authorization) {}

    /** An answer: HTTP status, body, and how long to wait before sending it. */
    record Answer(int status, String body, Duration delay) {
        static Answer result(String resultJson) {
            return new Answer(200, null, Duration.ZERO).withResult(resultJson);
        }

        static Answer error(String errorJson) {
            return new Answer(200, "{\"id\":%d,\"error\":" + errorJson + "}", Duration.ZERO);
        }

        static Answer status(int status) {
            return new Answer(status, "", Duration.ZERO);
        }

        static Answer raw(String body) {
            return new Answer(200, body, Duration.ZERO);
        }

        Answer withResult(String resultJson) {
            return new Answer(status, "{\"id\":%d,\"result\":" + resultJson + "}", delay);
        }

        Answer after(Duration wait) {
            return new Answer(status, body, wait);
        }
    }

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeTryton() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers for the calls after login and preferences, in order. */
    synchronized FakeTryton then(Answer answer) {
        script.add(answer);
        return this;
    }

    /** Answers a login with user 1 and {@link #SESSION_KEY}, then the preferences call with a context. */
    synchronized FakeTryton login() {
        script.add(Answer.result("[1,\"" + SESSION_KEY + "\"]"));
        script.add(Answer.result("{\"company\":1,\"language\":\"en\"}"));
        return this;
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    TrytonSettings settings(Path passwordFile, Duration requestTimeout) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new TrytonSettings(url, "billrun", "admin", passwordFile, Duration.ofSeconds(2), requestTimeout);
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode request = TrytonJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        calls.add(new Call(request.path("method").asString(), request.path("params"),
                exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer;
        synchronized (this) {
            answer = script.isEmpty() ? Answer.status(500) : script.poll();
        }
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().formatted(request.path("id").asLong()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // the client gave up waiting (time-out test)
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
