package org.billrun.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The tax rule table (tax_rules.csv). Fixed, effective-dated, and the same for every firm: Germany's standard
 * rate with the 2020 second-half reduction, EU B2B reverse charge, outside-scope supplies to non-EU business,
 * UK 20 % (with the post-Brexit change for EU buyers), US outside scope with a note, Netherlands 21 %.
 * Where a country code and a region could both match a buyer, the country-specific rule is meant to win.
 */
final class TaxRules {

    private TaxRules() {}

    private static final String REVERSE_CHARGE_DE =
            "Reverse charge: VAT liability of the recipient (Art. 196 Directive 2006/112/EC, § 13b UStG)";
    private static final String OUTSIDE_DE =
            "Not taxable in Germany: place of supply outside the EU (§ 3a Abs. 2 UStG)";
    private static final String OUTSIDE_DE_CONSUMER =
            "Not taxable in Germany: place of supply outside the EU (§ 3a Abs. 4 UStG)";
    private static final String OUTSIDE_GB =
            "Outside the scope of UK VAT: place of supply is the customer's country";
    private static final String REVERSE_CHARGE_GB_PRE_BREXIT =
            "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)";
    private static final String OUTSIDE_US =
            "No sales tax: professional consulting services are not taxable in the seller's state";
    private static final String REVERSE_CHARGE_NL =
            "BTW verlegd / VAT reverse charge (Art. 196 Directive 2006/112/EC)";
    private static final String OUTSIDE_NL =
            "Outside the scope of Dutch VAT: place of supply outside the EU";
    private static final String DE_2020_REDUCTION =
            "Temporary rate reduction 1 July to 31 December 2020";

    static List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        // Germany: every standard-rated rule in three versions (19 %, 16 % in 2020 H2, 19 % again)
        String[][] deStandard = {
                {"TR-DE-DOM", "DE", "*", "*"},
                {"TR-DE-EU-B2B-NOID", "EU", "business", "absent"},
                {"TR-DE-EU-B2C", "EU", "consumer", "*"}};
        for (String[] s : deStandard) {
            rows.add(rule(s[0] + "-2007", "DE", s[1], s[2], s[3], "S", "19", "line", null, "2007-01-01", "2020-06-30"));
            rows.add(rule(s[0] + "-2020H2", "DE", s[1], s[2], s[3], "S", "16", "line", DE_2020_REDUCTION, "2020-07-01",
                    "2020-12-31"));
            rows.add(rule(s[0] + "-2021", "DE", s[1], s[2], s[3], "S", "19", "line", null, "2021-01-01", null));
        }
        rows.add(rule("TR-DE-EU-B2B", "DE", "EU", "business", "present", "AE", "0", "document", REVERSE_CHARGE_DE,
                "2010-01-01", null));
        rows.add(rule("TR-DE-NONEU-B2B", "DE", "NON_EU", "business", "*", "O", "0", "document", OUTSIDE_DE,
                "2010-01-01", null));
        rows.add(rule("TR-DE-NONEU-B2C", "DE", "NON_EU", "consumer", "*", "O", "0", "document", OUTSIDE_DE_CONSUMER,
                "2010-01-01", null));
        // United Kingdom
        rows.add(rule("TR-GB-DOM", "GB", "GB", "*", "*", "S", "20", "line", null, "2011-01-04", null));
        rows.add(rule("TR-GB-EU-B2B-2011", "GB", "EU", "business", "present", "AE", "0", "document",
                REVERSE_CHARGE_GB_PRE_BREXIT, "2011-01-04", "2020-12-31"));
        rows.add(rule("TR-GB-EU-B2B-2021", "GB", "EU", "business", "*", "O", "0", "document", OUTSIDE_GB,
                "2021-01-01", null));
        rows.add(rule("TR-GB-NONEU-B2B", "GB", "NON_EU", "business", "*", "O", "0", "document", OUTSIDE_GB,
                "2011-01-04", null));
        rows.add(rule("TR-GB-EU-B2C", "GB", "EU", "consumer", "*", "S", "20", "line", null, "2011-01-04", null));
        rows.add(rule("TR-GB-NONEU-B2C", "GB", "NON_EU", "consumer", "*", "O", "0", "document", OUTSIDE_GB,
                "2011-01-04", null));
        // United States: no sales tax on consulting services, any buyer
        rows.add(rule("TR-US-ALL", "US", "*", "*", "*", "O", "0", "document", OUTSIDE_US, "2010-01-01", null));
        // Netherlands
        rows.add(rule("TR-NL-DOM", "NL", "NL", "*", "*", "S", "21", "line", null, "2012-10-01", null));
        rows.add(rule("TR-NL-EU-B2B", "NL", "EU", "business", "present", "AE", "0", "document", REVERSE_CHARGE_NL,
                "2010-01-01", null));
        rows.add(rule("TR-NL-EU-B2B-NOID", "NL", "EU", "business", "absent", "S", "21", "line", null, "2012-10-01",
                null));
        rows.add(rule("TR-NL-EU-B2C", "NL", "EU", "consumer", "*", "S", "21", "line", null, "2012-10-01", null));
        rows.add(rule("TR-NL-NONEU-B2B", "NL", "NON_EU", "business", "*", "O", "0", "document", OUTSIDE_NL,
                "2010-01-01", null));
        rows.add(rule("TR-NL-NONEU-B2C", "NL", "NON_EU", "consumer", "*", "O", "0", "document", OUTSIDE_NL,
                "2010-01-01", null));
        return rows;
    }

    private static String[] rule(String id, String seller, String region, String customerType, String taxId,
                                 String category, String rate, String rounding, String note, String from, String to) {
        return new String[] {id, seller, region, customerType, taxId, "*", category, rate, rounding, note, from, to};
    }
}
