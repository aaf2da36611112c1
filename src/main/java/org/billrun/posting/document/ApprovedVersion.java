package org.billrun.posting.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An approved invoice version as its final documents state it: the draft's lines with the nets and taxes
 * of this version (version 1's are the draft's; a later version's are its own, after write-downs,
 * write-ups and write-offs), the tax breakdown per category and rate, and the totals. Plain data, built
 * from the stored draft and version by {@link VersionFigures}, mapped by {@link EInvoiceMapping}.
 *
 * @param poNumber the contract's purchase order number; may be null
 */
public record ApprovedVersion(String draftId, int versionNo, String currency, String contractId, String poNumber, LocalDate serviceFrom,
        LocalDate serviceTo, List<Line> lines, List<Tax> taxes, BigDecimal net, BigDecimal tax, BigDecimal gross) {

    public ApprovedVersion {
        Objects.requireNonNull(draftId, "draftId");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
    }

    /**
     * One line: what the draft billed ({@code draftNet}) and what this version bills ({@code net});
     * {@code quantity} and {@code unitPrice} are the draft's, null for a line without them.
     *
     * @param type the draft's line type (time, fixed_fee_time, milestone, retainer_fee, retainer_overage, expense, cap_write_down)
     * @param taxCategory UNCL 5305 code (S, Z, E, AE, O); null for a line no tax rule taxes
     * @param writtenOff written off in this version or an earlier one: it bills nothing
     */
    public record Line(int lineNo, String type, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal draftNet,
            BigDecimal net, BigDecimal tax, String taxCategory, BigDecimal taxRate, boolean writtenOff) {

        /** The version's change to the draft's net: negative for a write-down or write-off, positive for a write-up. */
        public BigDecimal adjustment() {
            return net.subtract(draftNet);
        }
    }

    /** The taxable amount and tax of one category and rate, with the tax rule's exemption note. */
    public record Tax(String category, BigDecimal rate, String exemptionNote, BigDecimal net, BigDecimal tax) {}
}
