package org.billrun.delivery;

import java.util.Locale;

/**
 * The subject and text of the mail that carries a final invoice, in the language of the entity that issues
 * it, known by its country (German for DE, AT and CH, French for FR, English otherwise). Plain Java.
 */
record InvoiceMail(String subject, String text) {

    static InvoiceMail of(String entityCountry, String sellerName, String finalNumber) {
        String country = entityCountry == null ? "" : entityCountry.toUpperCase(Locale.ROOT);
        return switch (country) {
            case "DE", "AT", "CH" -> new InvoiceMail("Rechnung " + finalNumber + " von " + sellerName,
                    "Guten Tag,\n\nanbei erhalten Sie unsere Rechnung " + finalNumber
                            + " als PDF und als E-Rechnung (UBL).\n\nMit freundlichen Grüßen\n" + sellerName + "\n");
            case "FR" -> new InvoiceMail("Facture " + finalNumber + " de " + sellerName,
                    "Bonjour,\n\nVeuillez trouver ci-joint notre facture " + finalNumber
                            + " en PDF et en facture électronique (UBL).\n\nCordialement,\n" + sellerName + "\n");
            default -> new InvoiceMail("Invoice " + finalNumber + " from " + sellerName,
                    "Hello,\n\nplease find attached our invoice " + finalNumber
                            + " as a PDF and as an e-invoice (UBL).\n\nKind regards,\n" + sellerName + "\n");
        };
    }
}
