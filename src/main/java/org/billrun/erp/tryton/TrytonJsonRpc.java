package org.billrun.erp.tryton;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.billrun.erp.tryton.TrytonRetryableException.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Tryton's JSON-RPC protocol: {@code common.db.login} with the password gives a user id and a session
 * key, sent back as {@code Authorization: Session base64(login:uid:key)}; every model call takes the user's
 * context (from {@code res.user.get_preferences}) as its last parameter. Tryton ends a session after
 * five idle minutes and asks a fresh one for some calls (posting an invoice): on HTTP 401 the client logs
 * in again once and repeats the call, which Tryton had not run.
 *
 * <p>Thread-safe. The password is read from its file at each login and goes nowhere but the login request.
 */
public final class TrytonJsonRpc implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrytonJsonRpc.class);
    private static final String LOGIN = "common.db.login";

    private final TrytonSettings settings;
    private final HttpClient http;
    private final AtomicLong requestIds = new AtomicLong();
    private Session session; // guarded by this

    /** A logged-in session; its key stays out of toString. */
    private record Session(long userId, String authorization, JsonNode context) {
        @Override
        public String toString() {
            return "Session[user " + userId + "]";
        }
    }

    /** HTTP 401: a stale session on a call, a refused password on a login. Tryton ran nothing. */
    private static final class Unauthorized extends RuntimeException {
        Unauthorized() {
            super(null, null, false, false);
        }
    }

    public TrytonJsonRpc(TrytonSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    }

    /** Logs in now (calls log in when they need to); returns the user's id. */
    public synchronized long login() {
        session = openSession();
        return session.userId();
    }

    /** The logged-in user's id. */
    public long userId() {
        return currentSession().userId();
    }

    /**
     * Calls {@code method} (e.g. {@code model.party.party.search}) with the arguments and the user's context.
     * Arguments are plain JSON values, lists and maps; Numeric and Date values encoded by {@link TrytonJson}.
     *
     * @return the call's {@code result}
     */
    public JsonNode call(String method, Object... arguments) {
        Session current = currentSession();
        try {
            return send(method, withContext(arguments, current.context()), current.authorization());
        } catch (Unauthorized expired) {
            log.info("Tryton ended the session of user '{}' on database '{}'; logging in again", settings.login(),
                    settings.database());
            Session fresh = renewSession(current);
            try {
                return send(method, withContext(arguments, fresh.context()), fresh.authorization());
            } catch (Unauthorized again) {
                throw new TrytonPermanentException(method, "Tryton refused a session it had just opened (HTTP 401)");
            }
        }
    }

    /** Ids of the records of {@code model} (e.g. {@code party.party}) that match a Tryton domain, by id. */
    public List<Long> search(String model, List<?> domain, Integer limit) {
        return TrytonJson.readIds(call("model." + model + ".search", domain, 0, limit, List.of(List.of("id", "ASC"))));
    }

    /** The fields of the records, in the order of {@code ids}; Tryton answers with a user error for a missing one. */
    public List<JsonNode> read(String model, List<Long> ids, List<String> fields) {
        Map<Long, JsonNode> byId = new HashMap<>();
        call("model." + model + ".read", ids, fields).forEach(row -> byId.put(row.path("id").asLong(), row));
        return ids.stream().map(byId::get).toList();
    }

    /** Ends the session on the server, if there is one; a failure to do so is only logged. */
    @Override
    public synchronized void close() {
        if (session == null) {
            return;
        }
        try {
            send("common.db.logout", List.of(), session.authorization());
        } catch (TrytonException | Unauthorized e) {
            log.debug("Tryton logout of user '{}' failed: {}", settings.login(), e.getMessage());
        }
        session = null;
    }

    private synchronized Session currentSession() {
        if (session == null) {
            session = openSession();
        }
        return session;
    }

    private synchronized Session renewSession(Session stale) {
        if (session == stale) {
            session = openSession();
        }
        return session;
    }

    private Session openSession() {
        String password = TrytonPassword.read(settings.passwordFile(), LOGIN);
        try {
            JsonNode answer = send(LOGIN, List.of(settings.login(), Map.of("password", password), "en"), null);
            if (!answer.isArray() || answer.size() != 2 || !answer.get(0).isNumber() || !answer.get(1).isString()) {
                throw new TrytonRetryableException(LOGIN, Outcome.NOT_APPLIED,
                        "the login answer is not [user id, session key]", null);
            }
            long userId = answer.get(0).asLong();
            String credentials = settings.login() + ":" + userId + ":" + answer.get(1).asString();
            String authorization = "Session "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
            JsonNode context = send("model.res.user.get_preferences", List.of(true, Map.of()), authorization);
            log.debug("Tryton: user '{}' logged in on database '{}'", settings.login(), settings.database());
            return new Session(userId, authorization, context);
        } catch (Unauthorized refused) {
            throw new TrytonPermanentException(LOGIN, "login of user '" + settings.login() + "' on database '"
                    + settings.database() + "' refused: wrong user or password (HTTP 401)");
        }
    }

    private static List<Object> withContext(Object[] arguments, JsonNode context) {
        List<Object> params = new ArrayList<>(Arrays.asList(arguments));
        params.add(context);
        return params;
    }

    private JsonNode send(String method, List<?> params, String authorization) {
        long id = requestIds.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("method", method);
        body.put("params", params);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TrytonJson.MAPPER.writeValueAsBytes(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long started = System.nanoTime();
        HttpResponse<byte[]> response = exchange(method, request.build());
        log.debug("Tryton {} answered HTTP {} in {} ms", method, response.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
        return result(method, id, response);
    }

    private HttpResponse<byte[]> exchange(String method, HttpRequest request) {
        String where = settings.endpoint().toString();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new TrytonRetryableException(method, Outcome.NOT_APPLIED,
                    "no connection to " + where + " within " + settings.connectTimeout(), e);
        } catch (HttpTimeoutException e) {
            throw new TrytonRetryableException(method, Outcome.UNKNOWN,
                    "no answer from " + where + " within " + settings.requestTimeout(), e);
        } catch (ConnectException e) {
            throw new TrytonRetryableException(method, Outcome.NOT_APPLIED,
                    "cannot connect to " + where + " (connection refused: is trytond running?)", e);
        } catch (IOException e) {
            throw new TrytonRetryableException(method, Outcome.UNKNOWN,
                    "the exchange with " + where + " broke off: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrytonRetryableException(method, Outcome.UNKNOWN, "interrupted while waiting for " + where, e);
        }
    }

    private JsonNode result(String method, long id, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 401) {
            throw new Unauthorized();
        }
        if (status == 403) {
            throw new TrytonPermanentException(method, "user '" + settings.login() + "' may not call it (HTTP 403)");
        }
        if (status == 404) {
            throw new TrytonPermanentException(method, "no database '" + settings.database() + "' at "
                    + settings.serverUrl() + " (HTTP 404)");
        }
        if (status == 429) {
            throw new TrytonRetryableException(method, Outcome.NOT_APPLIED, "too many requests (HTTP 429)", null);
        }
        if (status >= 500) {
            throw new TrytonRetryableException(method, Outcome.UNKNOWN, "HTTP " + status, null);
        }
        if (status != 200) {
            throw new TrytonPermanentException(method, "unexpected HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = TrytonJson.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            throw unreadable(method, response, "is not JSON");
        }
        if (answer == null || !answer.isObject() || answer.path("id").asLong(-1) != id) {
            throw unreadable(method, response, "is not the answer to request " + id);
        }
        if (answer.has("error")) {
            throw TrytonErrors.from(method, answer.get("error"));
        }
        if (!answer.has("result")) {
            throw unreadable(method, response, "has neither result nor error");
        }
        return answer.get("result");
    }

    private static TrytonRetryableException unreadable(String method, HttpResponse<byte[]> response, String what) {
        return new TrytonRetryableException(method, Outcome.UNKNOWN,
                "the answer (HTTP " + response.statusCode() + ", " + response.body().length + " bytes) " + what, null);
    }
}
