package org.billrun.erp.rest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.billrun.erp.rest.RestErpSecret.SecretUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * OAuth2 client credentials (RFC 6749, 4.4): an access token from the token endpoint, the client
 * authenticated with HTTP Basic, kept until shortly before it expires and fetched anew after the ERP
 * answered 401. Neither the client secret nor the access token reaches a log line or a message.
 */
final class RestErpOAuth2 implements RestErpAuth {

    private static final Logger log = LoggerFactory.getLogger(RestErpOAuth2.class);
    /** A token this close to its expiry is not used any more. */
    private static final Duration MARGIN = Duration.ofSeconds(30);
    /** The lifetime assumed when the token endpoint does not give expires_in. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final URI tokenUrl;
    private final String clientId;
    private final RestErpSecret clientSecret;
    private final String scope;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private String accessToken; // guarded by this
    private Instant expiresAt; // guarded by this

    RestErpOAuth2(RestErpProperties.OAuth2 settings, RestErpSecret clientSecret, HttpClient http, Duration timeout,
            Clock clock, String settingPrefix) {
        this.tokenUrl = Objects.requireNonNull(settings.tokenUrl(), "tokenUrl");
        if (settings.clientId() == null || settings.clientId().isBlank()) {
            throw new IllegalStateException("OAuth2 for the REST ERP adapter needs " + settingPrefix + ".oauth2.client-id");
        }
        this.clientId = settings.clientId();
        this.clientSecret = clientSecret;
        this.scope = settings.scope();
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized String header() {
        if (accessToken == null || !clock.instant().plus(MARGIN).isBefore(expiresAt)) {
            fetch();
        }
        return "Bearer " + accessToken;
    }

    @Override
    public synchronized boolean renew() {
        accessToken = null;
        return true;
    }

    @Override
    public synchronized String redact(String text) {
        String secret = clientSecret.valueOrNull();
        String basic = secret == null ? null : basic(secret);
        return RestErpAuth.without(text, accessToken, secret, basic, secret == null ? null : encode(secret));
    }

    private String basic(String secret) {
        return Base64.getEncoder().encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
    }

    private void fetch() {
        String form = "grant_type=client_credentials" + (scope == null || scope.isBlank() ? "" : "&scope=" + encode(scope));
        String basic = basic(clientSecret.value());
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new SecretUnavailableException("cannot get an OAuth2 access token from " + where() + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretUnavailableException("interrupted while getting an OAuth2 access token from " + where());
        }
        JsonNode answer = RestErpJson.tree(response.body()).orElse(null);
        if (response.statusCode() != 200) {
            String error = answer == null ? "" : answer.path("error").asString("");
            throw new SecretUnavailableException("the OAuth2 token endpoint " + where() + " answered HTTP "
                    + response.statusCode() + (error.isEmpty() ? "" : " (" + error + ")") + " for client '" + clientId + "'");
        }
        if (answer == null || !answer.path("access_token").isString() || answer.path("access_token").asString().isBlank()) {
            throw new SecretUnavailableException("the OAuth2 token endpoint " + where() + " answered without an access_token");
        }
        long seconds = answer.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
        accessToken = answer.path("access_token").asString();
        expiresAt = clock.instant().plusSeconds(seconds);
        log.debug("OAuth2 access token for client '{}' from {}, valid {} s", clientId, where(), seconds);
    }

    private String where() {
        return tokenUrl.getScheme() + "://" + tokenUrl.getAuthority() + tokenUrl.getRawPath();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
