package org.billrun.draft;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Money;
import org.billrun.billing.Presentation;

/**
 * A draft invoice: one contract's billing for a period, with its lines and their lineage, tax
 * subtotals, totals, and the reasons it needs a person (none: straight through). Totals add up by
 * construction: net = the sum of the line nets, tax = the sum of the tax groups, gross = net + tax.
 * Every amount is in the contract's currency, {@link #currency()}.
 */
public record InvoiceDraft(String draftId, YearMonth period, String contractId, String clientId, String entityId,
        BillingModel billingModel, String poNumber, Presentation presentation, boolean timeAnnex, LocalDate invoiceDate,
        LocalDate serviceFrom, LocalDate serviceTo, List<DraftLine> lines, List<TaxGroup> taxGroups, Money net, Money tax,
        Money gross, Money writeDown, CapUse cap, RetainerBalance retainer, String projectManagerId,
        List<RouteReason> reasons) {

    public InvoiceDraft {
        if (!gross.equals(net.plus(tax)) || !writeDown.currency().equals(net.currency())) {
            throw new IllegalArgumentException("draft " + draftId + ": gross " + gross + " is not net " + net + " + tax " + tax
                    + ", or its write-down " + writeDown + " is in another currency");
        }
        lines = List.copyOf(lines);
        taxGroups = List.copyOf(taxGroups);
        reasons = List.copyOf(reasons);
    }

    public enum Route {
        STRAIGHT_THROUGH, REVIEW;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The contract's currency: every amount of the draft is in it. */
    public String currency() {
        return net.currency();
    }

    public Route route() {
        return reasons.isEmpty() ? Route.STRAIGHT_THROUGH : Route.REVIEW;
    }

    /** A not-to-exceed contract's cap this period (null when none is set): consumed before, time billed, consumed now, written down. */
    public record CapUse(Money cap, Money consumedBefore, Money timeValue, Money consumed, Money writeDown) {}

    /** A retainer's balance this period: carried in, fee, time drawn, overage billed, carried out. */
    public record RetainerBalance(Money opening, Money fee, Money drawn, Money overage, Money closing) {}
}
