package org.billrun.infra.partition;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A client as the partitioned steps of a run (drafting, invoice PDFs, validation) split their work: the
 * legal entity that invoices it and its client id (either empty when the master data left it out).
 * Every contract, and so every draft, belongs to one; a partition takes whole clients, so no contract
 * is ever split between partitions.
 */
public record ClientKey(String entityId, String clientId) implements Comparable<ClientKey> {

    private static final Comparator<ClientKey> ORDER = Comparator.comparing(ClientKey::entityId).thenComparing(ClientKey::clientId);

    public ClientKey {
        entityId = Objects.toString(entityId, "");
        clientId = Objects.toString(clientId, "");
    }

    @Override
    public int compareTo(ClientKey other) {
        return ORDER.compare(this, other);
    }

    /**
     * Clients as one string for a partition's execution context: each {@code entity/client}, both parts
     * URL-encoded (so no id can contain the separators), joined by commas, in key order.
     */
    public static String encode(Collection<ClientKey> clients) {
        return new TreeSet<>(clients).stream()
                .map(c -> URLEncoder.encode(c.entityId(), StandardCharsets.UTF_8) + "/" + URLEncoder.encode(c.clientId(), StandardCharsets.UTF_8))
                .collect(Collectors.joining(","));
    }

    /**
     * A partition's clients, from its execution context: never none, so a partition whose context lost them fails
     * rather than completing without drafting (or printing) anything.
     */
    public static Set<ClientKey> ofPartition(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalStateException("the partition's execution context names no clients (" + ClientPartitions.CLIENTS + ")");
        }
        return decode(encoded);
    }

    /** The clients {@link #encode} wrote. */
    public static Set<ClientKey> decode(String encoded) {
        Set<ClientKey> clients = new TreeSet<>();
        if (encoded == null || encoded.isEmpty()) {
            return clients;
        }
        for (String pair : encoded.split(",")) {
            int slash = pair.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not an encoded client (entity/client): " + pair);
            }
            clients.add(new ClientKey(URLDecoder.decode(pair.substring(0, slash), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(slash + 1), StandardCharsets.UTF_8)));
        }
        return clients;
    }

    /** The entity ids and client ids as two parallel arrays, for {@code unnest(?::text[], ?::text[])} in SQL. */
    public static String[][] columns(Collection<ClientKey> clients) {
        List<String> entities = new ArrayList<>(clients.size());
        List<String> ids = new ArrayList<>(clients.size());
        for (ClientKey c : clients) {
            entities.add(c.entityId());
            ids.add(c.clientId());
        }
        return new String[][] {entities.toArray(String[]::new), ids.toArray(String[]::new)};
    }
}
