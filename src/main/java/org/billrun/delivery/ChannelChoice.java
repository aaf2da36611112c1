package org.billrun.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which deliveries a posted invoice gets, from its client's master data: clients.csv {@code delivery_channel}
 * ({@code email}, {@code peppol}, {@code both}) with its {@code email} and {@code peppol_id}. Empty (an export from
 * before the column): e-mail when the client has an address, nothing otherwise, as delivery did before. A
 * channel asked for whose recipient is missing is still planned, with the problem, so that the ledger shows it
 * as failed instead of the invoice silently not reaching the client. Plain Java.
 */
final class ChannelChoice {

    /** One delivery to make: its channel and recipients, or why it cannot be made (then recipients is empty). */
    record Planned(DeliveryChannel channel, String recipients, String problem) {

        boolean possible() {
            return problem == null;
        }
    }

    private ChannelChoice() {}

    /**
     * @param setting clients.csv delivery_channel, null or blank when empty
     * @param email the client's billing address(es), null or blank when none
     * @param peppolId the client's Peppol participant id, null or blank when none
     * @throws IllegalArgumentException for a setting other than email, peppol and both (ingest refuses those)
     */
    static List<Planned> plan(String setting, String email, String peppolId) {
        String channel = blank(setting) ? "" : setting.strip().toLowerCase(Locale.ROOT);
        List<Planned> planned = new ArrayList<>();
        switch (channel) {
            case "" -> {
                if (!blank(email)) {
                    planned.add(new Planned(DeliveryChannel.EMAIL, email.strip(), null));
                }
            }
            case "email" -> planned.add(email(email));
            case "peppol" -> planned.add(peppol(peppolId));
            case "both" -> {
                planned.add(email(email));
                planned.add(peppol(peppolId));
            }
            default -> throw new IllegalArgumentException("delivery_channel is email, peppol or both, not '" + setting + "'");
        }
        return planned;
    }

    private static Planned email(String email) {
        return blank(email)
                ? new Planned(DeliveryChannel.EMAIL, "", "the client's delivery_channel asks for e-mail but it has no email in clients.csv")
                : new Planned(DeliveryChannel.EMAIL, email.strip(), null);
    }

    private static Planned peppol(String peppolId) {
        return blank(peppolId)
                ? new Planned(DeliveryChannel.PEPPOL, "", "the client's delivery_channel asks for Peppol but it has no peppol_id in clients.csv")
                : new Planned(DeliveryChannel.PEPPOL, peppolId.strip(), null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
