package org.billrun.generate;

/**
 * The expense policy table (expense_policies.csv, amounts in EUR) and how ordinary expenses of each category
 * look. Ordinary amounts stay below 70 % of the limit and are drawn in the expense currency, so after
 * conversion to EUR they stay within the limit; receipts are attached wherever one could be required.
 */
enum ExpenseCategory {
    MEALS("meals", 75_00, 25_00, true, 28, 8_00, 52_00),
    TRAVEL("travel", 1500_00, 25_00, true, 20, 40_00, 900_00),
    TAXI("taxi", 120_00, 25_00, true, 14, 12_00, 80_00),
    HOTEL("hotel", 250_00, 0, true, 14, 89_00, 185_00),
    MILEAGE("mileage", 400_00, -1, true, 8, 20_00, 250_00),
    TELECOM("telecom", 80_00, 10_00, false, 5, 15_00, 55_00),
    SOFTWARE("software", 500_00, 0, false, 4, 10_00, 300_00),
    CLIENT_ENTERTAINMENT("client_entertainment", 600_00, 0, false, 4, 80_00, 400_00),
    CONFERENCE("conference", -1, 0, false, 3, 150_00, 1800_00);

    final String code;
    /** Limit per line in EUR cents, -1 for none. */
    final long limitCents;
    /** Receipt required above this many EUR cents, -1 for never. */
    final long receiptAboveCents;
    final boolean reimbursable;
    final int weight;
    final long minCents;
    final long maxCents;

    ExpenseCategory(String code, long limitCents, long receiptAboveCents, boolean reimbursable, int weight,
                    long minCents, long maxCents) {
        this.code = code;
        this.limitCents = limitCents;
        this.receiptAboveCents = receiptAboveCents;
        this.reimbursable = reimbursable;
        this.weight = weight;
        this.minCents = minCents;
        this.maxCents = maxCents;
    }

    static final int[] WEIGHTS;

    static {
        ExpenseCategory[] all = values();
        WEIGHTS = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            WEIGHTS[i] = all[i].weight;
        }
    }

    String[] merchants() {
        return switch (this) {
            case MEALS -> new String[] {"Café Müller", "Pret A Manger", "Starbucks", "Vapiano", "Le Pain Quotidien",
                    "Brasserie \"Le Coq\"", "Joe's Diner", "Sushi Bar Kyoto", "Wagamama"};
            case TRAVEL -> new String[] {"Deutsche Bahn", "Lufthansa", "British Airways", "Eurostar", "KLM",
                    "United Airlines", "SBB CFF FFS", "Amtrak", "easyJet"};
            case TAXI -> new String[] {"Uber", "FREE NOW", "Addison Lee", "Yellow Cab", "Bolt", "Taxi Berlin"};
            case HOTEL -> new String[] {"Hilton", "Marriott Hotels, Berlin", "Premier Inn", "Motel One",
                    "Hotel Adlon Kempinski", "NH Hotels", "Hyatt Regency", "Hôtel du Louvre"};
            case MILEAGE -> new String[] {""};
            case TELECOM -> new String[] {"Deutsche Telekom", "Vodafone", "AT&T", "Swisscom"};
            case SOFTWARE -> new String[] {"Atlassian", "Microsoft", "JetBrains", "Adobe", "Miro"};
            case CLIENT_ENTERTAINMENT -> new String[] {"Restaurant Tim Raue", "The Ivy", "Nobu", "Zunfthaus zur Waag"};
            case CONFERENCE -> new String[] {"Gartner Symposium", "SAP Sapphire", "Web Summit", "DSAG Jahreskongress"};
        };
    }

    String[] descriptions() {
        return switch (this) {
            case MEALS -> new String[] {"Lunch at client site", "Dinner, late workshop", "Breakfast", ""};
            case TRAVEL -> new String[] {"Train to client", "Flight to client site, return", "Rebooked flight",
                    "Berlin – Frankfurt, 2nd class"};
            case TAXI -> new String[] {"Airport transfer", "Taxi to client office", "Late night ride, hotel"};
            case HOTEL -> new String[] {"1 night, client visit", "Hotel stay during workshop week", "Overnight stay"};
            case MILEAGE -> new String[] {"Mileage to client site"};
            case TELECOM -> new String[] {"Mobile data abroad", "Monthly phone plan"};
            case SOFTWARE -> new String[] {"Licence for project tooling", "Diagram tool subscription"};
            case CLIENT_ENTERTAINMENT -> new String[] {"Dinner with client steering committee",
                    "Business lunch, 4 persons"};
            case CONFERENCE -> new String[] {"Conference ticket", "Conference fee incl. workshop day"};
        };
    }
}
