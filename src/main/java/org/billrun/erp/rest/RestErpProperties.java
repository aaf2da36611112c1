package org.billrun.erp.rest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The REST ERP adapter's settings ({@code billrun.erp.adapter=rest}), usually from the environment:
 * BILLRUN_ERP_REST_BASE_URL, BILLRUN_ERP_REST_TOKEN_FILE, BILLRUN_ERP_REST_CONNECT_TIMEOUT, ... The
 * token itself is never a setting: it comes from the environment variable BILLRUN_ERP_TOKEN or from
 * {@code tokenFile} (see {@link RestErpSecret}). docs/erp-rest.md describes the API these calls expect.
 *
 * @param baseUrl the API's root, e.g. {@code https://erp.example.com/api/billrun/v1/}; invoices go to
 *     {@code baseUrl + "invoices"}
 * @param tokenFile a file holding the bearer token on its first line, readable by its owner only; used when
 *     BILLRUN_ERP_TOKEN is not set
 * @param connectTimeout time to open the connection (nothing was sent when it runs out: retryable)
 * @param readTimeout time to wait for the answer once the request went out (when it runs out the outcome is
 *     unknown: the post job looks the invoice up before it sends again)
 * @param pageSize documents asked per page when listing an entity's documents
 * @param trustCertificates a PEM file of the certificates to trust for the ERP's TLS (a private CA, or a
 *     self-signed certificate) instead of the JVM's trust store; null: the JVM's trust store
 * @param oauth2 OAuth2 client credentials instead of a fixed token: used when its token URL is set
 */
@ConfigurationProperties("billrun.erp.rest")
public record RestErpProperties(URI baseUrl, Path tokenFile, @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout, @DefaultValue("100") int pageSize, Path trustCertificates,
        @DefaultValue OAuth2 oauth2) {

    /**
     * OAuth2 client credentials. The client secret is never a setting: it comes from the environment variable
     * BILLRUN_ERP_CLIENT_SECRET or from {@code clientSecretFile}.
     *
     * @param tokenUrl the authorization server's token endpoint; null: no OAuth2, a fixed bearer token
     * @param clientId billrun's client id at the authorization server
     * @param clientSecretFile a file holding the client secret on its first line, readable by its owner only
     * @param scope the scopes to ask for, space-separated; null for the server's default
     */
    public record OAuth2(URI tokenUrl, String clientId, Path clientSecretFile, String scope) {}
}
