package org.billrun.generate;

import static org.billrun.generate.Rng.between;
import static org.billrun.generate.Rng.pick;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/** Made-up particulars that look like real ones: digits of tax ids, street addresses, e-mail slugs. */
final class Fakes {

    private Fakes() {}

    /** {@code count} digits, the first never 0. */
    static String digits(SplittableRandom r, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = (char) ('0' + (i == 0 ? 1 + r.nextInt(9) : r.nextInt(10)));
        }
        return new String(out);
    }

    static String address(SplittableRandom r, String country) {
        return pick(r, Vocabulary.addresses(country)).replace("#", Integer.toString(between(r, 1, 220)));
    }

    /** A VAT id in the country's own format. */
    static String euVatId(SplittableRandom r, String country) {
        return switch (country) {
            case "FR" -> "FR" + digits(r, 11);
            case "NL" -> "NL" + digits(r, 9) + "B01";
            case "BE" -> "BE0" + digits(r, 9);
            case "AT" -> "ATU" + digits(r, 8);
            case "IT" -> "IT" + digits(r, 11);
            case "ES" -> "ESB" + digits(r, 8);
            case "IE" -> "IE" + digits(r, 7) + "W";
            case "PL" -> "PL" + digits(r, 10);
            case "SE" -> "SE" + digits(r, 10) + "01";
            case "DK" -> "DK" + digits(r, 8);
            case "FI" -> "FI" + digits(r, 8);
            case "LU" -> "LU" + digits(r, 8);
            default -> country + digits(r, 9);
        };
    }

    /** "Müller & Söhne" → "muller.sohne": for e-mail addresses. */
    static String slug(String text) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", ".").replaceAll("^\\.+|\\.+$", "");
    }
}
