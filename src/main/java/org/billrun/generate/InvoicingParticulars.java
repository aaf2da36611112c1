package org.billrun.generate;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import org.billrun.generate.Firm.Client;
import org.billrun.generate.Firm.Entity;

/**
 * The particulars a final invoice and its e-invoice need beyond drafting (entities.csv and clients.csv's
 * optional columns, docs/input-formats.md): Peppol participant ids, company ids, post codes and cities,
 * the entities' contacts and bank accounts. All derived from what the firm already has (tax ids,
 * addresses, indexes), so adding them draws nothing from the random streams: a seed's other files stay
 * as they were.
 */
final class InvoicingParticulars {

    private InvoicingParticulars() {}

    /** peppol_id, company_id, post_code, city, contact_name, contact_phone, contact_email, bank_account, bic, bank_name. */
    static String[] of(Entity e, String domain) {
        String digits = e.vatId().replaceAll("[^0-9]", "");
        String[] postal = postCodeAndCity(e.address(), e.country());
        String mail = "receivables." + e.country().toLowerCase(Locale.ROOT) + "@" + domain;
        String phoneTail = " 555 " + digits.substring(digits.length() - 4);
        return switch (e.country()) {
            case "DE" -> new String[] {"9930:" + e.vatId(), "HRB " + digits.substring(digits.length() - 6) + " B", postal[0], postal[1],
                    "Accounts receivable", "+49 30" + phoneTail, mail, iban("DE", "37040044" + tail(digits, 10)), "COBADEFFXXX",
                    "Commerzbank"};
            case "GB" -> new String[] {"9932:" + e.vatId(), tail(digits, 8), postal[0], postal[1], "Accounts receivable",
                    "+44 20" + phoneTail, mail, iban("GB", "BUKB202015" + tail(digits, 8)), "BUKBGB22", "Barclays Bank"};
            case "NL" -> new String[] {"9944:" + e.vatId(), tail(digits, 8), postal[0], postal[1], "Accounts receivable",
                    "+31 20" + phoneTail, mail, iban("NL", "ABNA" + tail(digits + digits, 10)), "ABNANL2A", "ABN AMRO Bank"};
            // an EIN, not a VAT id: the company's id, and its Peppol id under scheme 9959
            default -> new String[] {"9959:" + digits, digits.substring(0, 2) + "-" + digits.substring(2), postal[0], postal[1],
                    "Accounts receivable", "+1 212" + phoneTail, mail, "0001" + tail(digits + digits, 8), "CHASUS33",
                    "JPMorgan Chase Bank"};
        };
    }

    /** peppol_id, post_code, city. A business client gets a GLN (scheme 0088) made from its index; a consumer none. */
    static String[] of(Client c) {
        String[] postal = postCodeAndCity(c.address, c.country);
        String peppol = c.business && !c.internal ? "0088:" + gln("579" + String.format(Locale.ROOT, "%09d", c.index + 1)) : null;
        return new String[] {peppol, postal[0], postal[1]};
    }

    /**
     * Post code and city out of the generator's one-line addresses ("Friedrichstr. 12, 10117 Berlin",
     * "1 King William Street, London EC4N 7AR", "5 Fifth Avenue, New York, NY 10118"), with or without an
     * "Accounts Payable" line in front and line breaks for commas. {null, null} where it cannot tell.
     */
    static String[] postCodeAndCity(String address, String country) {
        String[] parts = Arrays.stream(address.replace("\n", ", ").split(", ")).map(String::strip)
                .filter(p -> !p.equals("Accounts Payable")).toArray(String[]::new);
        if (parts.length < 2) {
            return new String[] {null, null};
        }
        String place = parts[1];
        String[] words = place.split(" ");
        return switch (country) {
            case "US" -> parts.length < 3 ? new String[] {null, place}
                    : new String[] {parts[2].substring(parts[2].lastIndexOf(' ') + 1), place};
            case "GB" -> words.length < 3 ? new String[] {null, place}
                    : new String[] {words[words.length - 2] + " " + words[words.length - 1],
                            String.join(" ", Arrays.copyOf(words, words.length - 2))};
            case "IE" -> new String[] {parts.length > 2 ? parts[2] : null, place};
            case "NL", "SE" -> words.length < 3 ? new String[] {null, place}
                    : new String[] {words[0] + " " + words[1], String.join(" ", Arrays.copyOfRange(words, 2, words.length))};
            default -> words.length < 2 ? new String[] {null, place}
                    : new String[] {words[0], String.join(" ", Arrays.copyOfRange(words, 1, words.length))};
        };
    }

    private static String tail(String digits, int count) {
        String padded = "0".repeat(Math.max(0, count - digits.length())) + digits;
        return padded.substring(padded.length() - count);
    }

    /** An IBAN with its check digits (ISO 13616: the number, country and 00 moved to the end, mod 97). */
    static String iban(String country, String bban) {
        StringBuilder numeric = new StringBuilder();
        for (char ch : (bban + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format(Locale.ROOT, "%02d", check) + bban;
    }

    /** A GLN: twelve digits and the GS1 check digit (weights 1 and 3 from the left for 13 digits). */
    static String gln(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return twelve + (10 - sum % 10) % 10;
    }
}
