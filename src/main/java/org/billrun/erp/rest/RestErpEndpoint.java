package org.billrun.erp.rest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.billrun.erp.rest.RestErpJson.Document;
import org.billrun.erp.rest.RestErpSecret.SecretUnavailableException;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.billrun.posting.port.OutgoingInvoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * One ERP's REST API as docs/erp-rest.md describes it: {@code POST invoices} with the invoice as JSON and an
 * {@code Idempotency-Key} header, {@code GET invoices?entityId=&reference=} to look one up, {@code GET
 * invoices?entityId=&cursor=} page by page to list them. {@link RestErpAdapter} holds one per legal entity
 * with settings of its own, and one for the rest.
 *
 * <p>How answers are classified: 2xx with a document id is posted; 409 with the document already created
 * for the key is posted too; 408, 429 and 5xx are retryable (with the ERP's Retry-After), and so is a
 * connection that could not be opened or a TLS handshake that failed; 400, 422 and every other 4xx are permanent, with the ERP's message;
 * a time-out or a broken connection after the request went out, a 2xx without a readable document, and a
 * 409 without one are unknown: the post job looks the reference up before sending again.
 *
 * <p>The token (or the OAuth2 client secret and access token) goes only into the Authorization header: no log
 * line, message or answer holds it. After a 401 with OAuth2, a new access token is fetched and the request
 * sent once more (the ERP did not carry out a request it refused to authenticate).
 */
final class RestErpEndpoint {

    private static final Logger log = LoggerFactory.getLogger(RestErpEndpoint.class);

    private final URI invoices;
    private final RestErpAuth auth;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int pageSize;
    private final Clock clock;
    private final HttpClient http;
    private final String settingPrefix;

    /**
     * @param settings where this ERP is and how long to wait for it, its credentials' sources named by {@code secrets}
     * @param secrets where the token or the client secret comes from (the variable, else the settings' file)
     * @param settingPrefix the settings' property prefix, for messages ({@code billrun.erp.rest} or {@code
     *     billrun.erp.rest.entities.DE01})
     * @throws IllegalStateException when the base URL or every token source is missing
     */
    RestErpEndpoint(RestErpProperties.Endpoint settings, RestErpSecret.Sources secrets, String settingPrefix, Clock clock) {
        if (settings.baseUrl() == null) {
            throw new IllegalStateException("the REST ERP adapter needs " + settingPrefix + ".base-url (the ERP API's root URL)");
        }
        if (settings.baseUrl().getUserInfo() != null) {
            throw new IllegalStateException(settingPrefix + ".base-url holds credentials; the token belongs in "
                    + secrets.tokenVariable() + " or the token file");
        }
        if (settings.pageSize() < 1) {
            throw new IllegalStateException(settingPrefix + ".page-size must be at least 1, not " + settings.pageSize());
        }
        String root = settings.baseUrl().toString();
        this.invoices = URI.create((root.endsWith("/") ? root : root + "/") + "invoices");
        this.connectTimeout = settings.connectTimeout();
        this.readTimeout = settings.readTimeout();
        this.pageSize = settings.pageSize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settingPrefix = settingPrefix;
        HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.trustCertificates() != null) {
            client.sslContext(RestErpTls.trusting(settings.trustCertificates(), settingPrefix + ".trust-certificates"));
        }
        this.http = client.build();
        RestErpProperties.OAuth2 oauth2 = settings.oauth2();
        this.auth = oauth2 != null && oauth2.tokenUrl() != null
                ? new RestErpOAuth2(oauth2, secrets.clientSecret(oauth2.clientSecretFile()), http, readTimeout, clock,
                        settingPrefix)
                : RestErpAuth.bearer(secrets.token(settings.tokenFile()));
    }

    ErpAnswer send(OutgoingInvoice invoice) {
        byte[] body = RestErpJson.MAPPER.writeValueAsBytes(RestInvoiceBody.of(invoice));
        String requestDigest = sha256(body);
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(post(invoice, body), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 && auth.renew()) {
                log.debug("ERP POST {} ({}) answered HTTP 401: sending it once more with a new access token", invoices,
                        invoice.idempotencyKey());
                response = http.send(post(invoice, body), HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (SecretUnavailableException e) {
            return ErpAnswer.failed(Outcome.RETRYABLE, e.getMessage() + "; nothing was sent", requestDigest, null);
        } catch (HttpConnectTimeoutException e) {
            return ErpAnswer.failed(Outcome.RETRYABLE, "no connection to " + where() + " within " + connectTimeout
                    + "; nothing was sent", requestDigest, null);
        } catch (HttpTimeoutException e) {
            return ErpAnswer.failed(Outcome.UNKNOWN, "no answer from " + where() + " within " + readTimeout
                    + " after the invoice was sent", requestDigest, null);
        } catch (ConnectException e) {
            return ErpAnswer.failed(Outcome.RETRYABLE, "cannot connect to " + where() + " (connection refused)"
                    + "; nothing was sent", requestDigest, null);
        } catch (SSLHandshakeException e) {
            return ErpAnswer.failed(Outcome.RETRYABLE, "the TLS handshake with " + where() + " failed (" + e.getMessage()
                    + "); nothing was sent: is its certificate trusted (" + settingPrefix + ".trust-certificates)?",
                    requestDigest, null);
        } catch (IOException e) {
            return ErpAnswer.failed(Outcome.UNKNOWN, "the exchange with " + where() + " broke off ("
                    + e.getClass().getSimpleName() + ") after the invoice was sent", requestDigest, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ErpAnswer.failed(Outcome.UNKNOWN, "interrupted while waiting for " + where(), requestDigest, null);
        }
        ErpAnswer answer = classify(invoice, response, requestDigest);
        log.debug("ERP POST {} ({}) answered HTTP {} in {} ms: {}", invoices, invoice.idempotencyKey(), response.statusCode(),
                (System.nanoTime() - started) / 1_000_000, answer.outcome());
        return answer;
    }

    List<ErpDocument> lookup(String entityId, String reference) {
        JsonNode page = get("entityId=" + encode(entityId) + "&reference=" + encode(reference));
        return documentsOf(page, entityId);
    }

    List<ErpDocument> documents(String entityId) {
        List<ErpDocument> all = new ArrayList<>();
        Set<String> cursorsSeen = new HashSet<>();
        String cursor = null;
        do {
            String query = "entityId=" + encode(entityId) + "&limit=" + pageSize + (cursor == null ? "" : "&cursor=" + encode(cursor));
            JsonNode page = get(query);
            all.addAll(documentsOf(page, entityId));
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            if (cursor != null && !cursorsSeen.add(cursor)) {
                throw new ErpUnavailableException("the ERP at " + where() + " returned the page cursor '" + cursor
                        + "' twice while listing entity " + entityId + "'s documents", null);
            }
        } while (cursor != null);
        return all;
    }

    private HttpRequest post(OutgoingInvoice invoice, byte[] body) {
        return HttpRequest.newBuilder(invoices).timeout(readTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", auth.header()).header("Idempotency-Key", invoice.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private ErpAnswer classify(OutgoingInvoice invoice, HttpResponse<byte[]> response, String requestDigest) {
        int status = response.statusCode();
        byte[] body = response.body();
        String responseDigest = sha256(body);
        Optional<Document> document = RestErpJson.tree(body).flatMap(RestErpJson::document);
        if (status >= 200 && status < 300) {
            return document.map(d -> ErpAnswer.posted(d.documentId(), d.status() == null ? "HTTP " + status : d.status(),
                    requestDigest, responseDigest))
                    .orElseGet(() -> ErpAnswer.failed(Outcome.UNKNOWN, "HTTP " + status + " without a readable document"
                            + " (" + body.length + " bytes): the ERP may hold the invoice; look it up", requestDigest,
                            responseDigest));
        }
        if (status == 409) {
            if (document.isEmpty()) {
                return ErpAnswer.failed(Outcome.UNKNOWN, "HTTP 409 without the existing document: "
                        + erpMessage(body), requestDigest, responseDigest);
            }
            Document existing = document.get();
            if (existing.reference() != null && !existing.reference().equals(invoice.reference())) {
                return ErpAnswer.failed(Outcome.PERMANENT, "HTTP 409: the ERP holds document " + existing.documentId()
                        + " with reference " + existing.reference() + " for idempotency key " + invoice.idempotencyKey()
                        + ", not " + invoice.reference(), requestDigest, responseDigest);
            }
            return ErpAnswer.posted(existing.documentId(), existing.status() == null ? "HTTP 409" : existing.status(),
                    requestDigest, responseDigest);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return ErpAnswer.failed(Outcome.RETRYABLE, "HTTP " + status + ": " + erpMessage(body), requestDigest,
                    responseDigest).withRetryAfter(retryAfter(response).orElse(null));
        }
        if (status >= 400) {
            return ErpAnswer.failed(Outcome.PERMANENT, "HTTP " + status + ": " + erpMessage(body), requestDigest,
                    responseDigest);
        }
        return ErpAnswer.failed(Outcome.UNKNOWN, "unexpected HTTP " + status + " to the invoice: look it up", requestDigest,
                responseDigest);
    }

    /** Retry-After as seconds or as an HTTP date; empty when absent or unreadable. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::strip);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException unreadable) {
            log.debug("ERP Retry-After '{}' is neither seconds nor an HTTP date; ignored", value);
            return Optional.empty();
        }
    }

    private JsonNode get(String query) {
        URI uri = URI.create(invoices + "?" + query);
        HttpResponse<byte[]> response;
        try {
            response = http.send(get(uri), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 && auth.renew()) {
                response = http.send(get(uri), HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (SecretUnavailableException e) {
            throw new ErpUnavailableException(e.getMessage(), null);
        } catch (IOException e) {
            throw new ErpUnavailableException("cannot ask the ERP at " + where() + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErpUnavailableException("interrupted while asking the ERP at " + where(), e);
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new ErpUnavailableException("the ERP answered HTTP " + status + " to GET " + uri.getRawPath() + ": "
                    + erpMessage(response.body()), null);
        }
        JsonNode page = RestErpJson.tree(response.body()).orElse(null);
        if (page == null || !page.isObject() || !page.path("documents").isArray()) {
            throw new ErpUnavailableException("the ERP's answer to GET " + uri.getRawPath() + " (" + response.body().length
                    + " bytes) is not a list of documents", null);
        }
        return page;
    }

    private HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(readTimeout).header("Accept", "application/json")
                .header("Authorization", auth.header()).GET().build();
    }

    private List<ErpDocument> documentsOf(JsonNode page, String entityId) {
        List<ErpDocument> documents = new ArrayList<>();
        for (JsonNode node : page.get("documents")) {
            Document d = RestErpJson.document(node).orElseThrow(() -> new ErpUnavailableException(
                    "the ERP listed a document without a documentId for entity " + entityId, null));
            documents.add(new ErpDocument(d.entityId() == null ? entityId : d.entityId(), d.reference(), d.documentId(),
                    d.status(), d.currency(), d.gross()));
        }
        return documents;
    }

    /**
     * The ERP's error text for finance, without the credential billrun sent: an ERP that quotes the Authorization
     * header back ("token ... is not valid for this company") must not put it into the ledger, a log line or a report.
     */
    private String erpMessage(byte[] body) {
        return auth.redact(RestErpJson.message(body));
    }

    private String where() {
        return invoices.getScheme() + "://" + invoices.getAuthority();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
