package org.billrun.erp.rest;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.billrun.posting.port.OutgoingInvoice;

/**
 * Posts invoices to ERPs' REST APIs as docs/erp-rest.md describes them ({@link RestErpEndpoint} does the
 * calls and classifies the answers). A legal entity with settings of its own under {@code
 * billrun.erp.rest.entities.<ENTITY>} posts to its own ERP with its own credentials; every other entity to the
 * default ERP of {@code billrun.erp.rest.base-url}. An entity with neither is refused for good: its invoices
 * wait in finance's exceptions, not in a retry loop, until the setup names its ERP.
 */
public final class RestErpAdapter implements ErpAdapter {

    private final RestErpEndpoint defaultErp;
    /** By entity id in upper case. */
    private final Map<String, RestErpEndpoint> entityErps = new TreeMap<>();

    /**
     * @param environment the process environment, for the token variables (System.getenv())
     * @throws IllegalStateException when no ERP is set up, or one lacks its base URL or every token source
     */
    public RestErpAdapter(RestErpProperties properties, Map<String, String> environment, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        properties.entities().forEach((entityId, settings) -> {
            String prefix = "billrun.erp.rest.entities." + entityId;
            if (settings == null || settings.baseUrl() == null) {
                throw new IllegalStateException("the REST ERP adapter needs " + prefix + ".base-url (entity " + entityId
                        + "'s ERP API root URL)");
            }
            entityErps.put(entityId.toUpperCase(Locale.ROOT), new RestErpEndpoint(properties.endpointOf(settings),
                    RestErpSecret.Sources.forEntity(environment, entityId, prefix), prefix, clock));
        });
        this.defaultErp = properties.baseUrl() == null && !entityErps.isEmpty() ? null
                : new RestErpEndpoint(properties.defaultEndpoint(), RestErpSecret.Sources.forDefault(environment),
                        "billrun.erp.rest", clock);
    }

    @Override
    public String name() {
        return "rest";
    }

    @Override
    public ErpAnswer send(OutgoingInvoice invoice) {
        RestErpEndpoint erp = erpOf(invoice.entityId());
        if (erp == null) {
            return ErpAnswer.failed(Outcome.PERMANENT, noErpFor(invoice.entityId()) + "; nothing was sent",
                    RestErpEndpoint.sha256(RestErpJson.MAPPER.writeValueAsBytes(RestInvoiceBody.of(invoice))), null);
        }
        return erp.send(invoice);
    }

    @Override
    public List<ErpDocument> lookup(String entityId, String reference) {
        return requireErpOf(entityId).lookup(entityId, reference);
    }

    @Override
    public List<ErpDocument> documents(String entityId) {
        return requireErpOf(entityId).documents(entityId);
    }

    private RestErpEndpoint erpOf(String entityId) {
        return entityErps.getOrDefault(entityId.toUpperCase(Locale.ROOT), defaultErp);
    }

    private RestErpEndpoint requireErpOf(String entityId) {
        RestErpEndpoint erp = erpOf(entityId);
        if (erp == null) {
            throw new ErpUnavailableException(noErpFor(entityId), null);
        }
        return erp;
    }

    private String noErpFor(String entityId) {
        return "no REST ERP is set up for entity " + entityId + ": set billrun.erp.rest.entities." + entityId
                + ".base-url (or a default billrun.erp.rest.base-url); entities with an ERP of their own: "
                + String.join(", ", entityErps.keySet());
    }
}
