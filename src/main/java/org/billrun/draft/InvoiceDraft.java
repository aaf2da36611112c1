package org.billrun.draft;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Presentation;

/**
 * A draft invoice: one contract's billing for a period, with its lines and their lineage, tax
 * subtotals, totals, and the reasons it needs a person (none: straight through). Totals add up by
 * construction: net = the sum of the line nets, tax = the sum of the tax groups, gross = net + tax.
 */
public record InvoiceDraft(String draftId, YearMonth period, String contractId, String clientId, String entityId, String currency,
        BillingModel billingModel, String poNumber, Presentation presentation, boolean timeAnnex, LocalDate invoiceDate,
        LocalDate serviceFrom, LocalDate serviceTo, List<DraftLine> lines, List<TaxGroup> taxGroups, BigDecimal net, BigDecimal tax,
        BigDecimal gross, BigDecimal writeDown, CapUse cap, RetainerBalance retainer, String projectManagerId,
        List<RouteReason> reasons) {

    public InvoiceDraft {
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

    public Route route() {
        return reasons.isEmpty() ? Route.STRAIGHT_THROUGH : Route.REVIEW;
    }

    /** A not-to-exceed contract's cap this period: consumed before, time billed, consumed now, written down. */
    public record CapUse(BigDecimal cap, BigDecimal consumedBefore, BigDecimal timeValue, BigDecimal consumed, BigDecimal writeDown) {}

    /** A retainer's balance this period: carried in, fee, time drawn, overage billed, carried out. */
    public record RetainerBalance(BigDecimal opening, BigDecimal fee, BigDecimal drawn, BigDecimal overage, BigDecimal closing) {}
}
