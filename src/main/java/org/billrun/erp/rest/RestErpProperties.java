package org.billrun.erp.rest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The REST ERP adapter's settings ({@code billrun.erp.adapter=rest}), usually from the environment:
 * BILLRUN_ERP_REST_BASE_URL, BILLRUN_ERP_REST_TOKEN_FILE, BILLRUN_ERP_REST_CONNECT_TIMEOUT, ... The
 * token itself is never a setting: it comes from the environment variable BILLRUN_ERP_TOKEN or from
 * {@code tokenFile} (see {@link RestErpSecret}). docs/erp-rest.md describes the API these calls expect.
 *
 * <p>The settings at the top are the default ERP's. A legal entity whose books another ERP keeps has its own
 * under {@code entities.<ENTITY>} (e.g. {@code billrun.erp.rest.entities.GB01.base-url}): its own base URL,
 * credentials (BILLRUN_ERP_TOKEN_GB01 or its own token file, or its own OAuth2 client) and TLS trust; the
 * time-outs and page size it does not set are the default's.
 *
 * @param baseUrl the default ERP API's root, e.g. {@code https://erp.example.com/api/billrun/v1/}; invoices go to
 *     {@code baseUrl + "invoices"}; null when every entity that posts has an ERP of its own
 * @param tokenFile a file holding the bearer token on its first line, readable by its owner only; used when
 *     BILLRUN_ERP_TOKEN is not set
 * @param connectTimeout time to open the connection (nothing was sent when it runs out: retryable)
 * @param readTimeout time to wait for the answer once the request went out (when it runs out the outcome is
 *     unknown: the post job looks the invoice up before it sends again)
 * @param pageSize documents asked per page when listing an entity's documents
 * @param trustCertificates a PEM file of the certificates to trust for the ERP's TLS (a private CA, or a
 *     self-signed certificate) instead of the JVM's trust store; null: the JVM's trust store
 * @param oauth2 OAuth2 client credentials instead of a fixed token: used when its token URL is set
 * @param entities the ERPs of entities that do not post to the default one, by entity id (any case)
 */
@ConfigurationProperties("billrun.erp.rest")
public record RestErpProperties(URI baseUrl, Path tokenFile, @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout, @DefaultValue("100") int pageSize, Path trustCertificates,
        @DefaultValue OAuth2 oauth2, Map<String, EntityErp> entities) {

    @ConstructorBinding
    public RestErpProperties {
        entities = entities == null ? Map.of() : Map.copyOf(entities);
    }

    /** The default ERP alone, no entity with its own. */
    public RestErpProperties(URI baseUrl, Path tokenFile, Duration connectTimeout, Duration readTimeout, int pageSize,
            Path trustCertificates, OAuth2 oauth2) {
        this(baseUrl, tokenFile, connectTimeout, readTimeout, pageSize, trustCertificates, oauth2, Map.of());
    }

    /**
     * OAuth2 client credentials. The client secret is never a setting: it comes from the environment variable
     * BILLRUN_ERP_CLIENT_SECRET (BILLRUN_ERP_CLIENT_SECRET_GB01 for entity GB01's ERP) or from {@code clientSecretFile}.
     *
     * @param tokenUrl the authorization server's token endpoint; null: no OAuth2, a fixed bearer token
     * @param clientId billrun's client id at the authorization server
     * @param clientSecretFile a file holding the client secret on its first line, readable by its owner only
     * @param scope the scopes to ask for, space-separated; null for the server's default
     */
    public record OAuth2(URI tokenUrl, String clientId, Path clientSecretFile, String scope) {}

    /**
     * One entity's own ERP. Its base URL and credentials are its own, never the default's (the default's token
     * must not reach another ERP); its time-outs, page size and trusted certificates are the default's where unset.
     *
     * @param baseUrl the entity's ERP API's root (required)
     * @param tokenFile the entity's bearer token file, used when BILLRUN_ERP_TOKEN_&lt;ENTITY&gt; is not set
     * @param connectTimeout null: the default's
     * @param readTimeout null: the default's
     * @param pageSize null: the default's
     * @param trustCertificates null: the default's (which may be the JVM's trust store)
     * @param oauth2 the entity's OAuth2 client; its secret from BILLRUN_ERP_CLIENT_SECRET_&lt;ENTITY&gt; or its own file
     */
    public record EntityErp(URI baseUrl, Path tokenFile, Duration connectTimeout, Duration readTimeout, Integer pageSize,
            Path trustCertificates, OAuth2 oauth2) {}

    /** What every endpoint needs, the default's or an entity's with the default's filled in. */
    record Endpoint(URI baseUrl, Path tokenFile, Duration connectTimeout, Duration readTimeout, int pageSize,
            Path trustCertificates, OAuth2 oauth2) {}

    /** The default ERP's settings. */
    Endpoint defaultEndpoint() {
        return new Endpoint(baseUrl, tokenFile, connectTimeout, readTimeout, pageSize, trustCertificates, oauth2);
    }

    /** An entity's ERP settings with the unset time-outs, page size and trusted certificates taken from the default. */
    Endpoint endpointOf(EntityErp entity) {
        return new Endpoint(entity.baseUrl(), entity.tokenFile(),
                entity.connectTimeout() == null ? connectTimeout : entity.connectTimeout(),
                entity.readTimeout() == null ? readTimeout : entity.readTimeout(),
                entity.pageSize() == null ? pageSize : entity.pageSize(),
                entity.trustCertificates() == null ? trustCertificates : entity.trustCertificates(), entity.oauth2());
    }

    /** The settings key under {@code entities} naming this entity, found whatever its case (environment variables lower it). */
    Optional<String> entityKey(String entityId) {
        return entities.keySet().stream().filter(key -> key.toUpperCase(Locale.ROOT).equals(entityId.toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
