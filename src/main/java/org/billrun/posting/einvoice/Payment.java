package org.billrun.posting.einvoice;

/**
 * How the buyer pays: by credit transfer to the seller's account, with the reference to quote, and the
 * payment terms as text. Every field may be null except where the means needs it: a credit transfer
 * names an account.
 *
 * @param account IBAN for a SEPA transfer, else the account number
 * @param bic the bank's BIC (optional)
 * @param remittanceId what the buyer quotes with the payment (BT-83), usually the invoice number
 * @param terms payment terms as text, e.g. "30 days net"
 */
public record Payment(Means means, String account, String accountName, String bic, String remittanceId, String terms) {

    /** UNCL 4461 payment means. */
    public enum Means {
        CREDIT_TRANSFER("30"), SEPA_CREDIT_TRANSFER("58");

        private final String code;

        Means(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }
}
