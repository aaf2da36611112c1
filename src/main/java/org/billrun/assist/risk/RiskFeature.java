package org.billrun.assist.risk;

/**
 * The features of the dispute risk score (docs/assistance.md, "Dispute risk"), each a number read
 * from the client's last {@link RiskFeatures#WINDOW} invoices before the draft's period and from the
 * draft itself.
 */
public enum RiskFeature {
    /** share of the earlier invoices the client disputed (0 without history) */
    DISPUTE_SHARE,
    /** 1 when the latest earlier invoice was disputed */
    LAST_DISPUTED,
    /** credited amount / invoiced amount over the earlier invoices */
    CREDIT_SHARE,
    /** written-down amount / (invoiced + written down) over the earlier invoices */
    WRITE_DOWN_SHARE,
    /** median days to pay of the paid earlier invoices, in months of 30 days (1 when none is paid) */
    DAYS_TO_PAY,
    /** robust z of the draft amount against the monthly amounts billed (RobustStats, as BILLING_SPIKE), clipped to -3..6 */
    SPIKE_ROBUST_Z,
    /** log2 of the draft amount / the median monthly amount, clipped to -2..2 (0 without history) */
    SPIKE_LOG_RATIO,
    /** share of the draft's lines with no evidence behind them */
    LINES_WITHOUT_EVIDENCE,
    /** 1 when there are fewer than 3 earlier invoices to judge by */
    LITTLE_HISTORY;
}
