package org.billrun.generate;

/** Word lists the synthetic firm is made of. Order matters: changing a list changes generated data. */
final class Vocabulary {

    private Vocabulary() {}

    /** Firm brand, invoice prefix stem, e-mail domain. */
    static final String[][] BRANDS = {
            {"Northwind", "NW", "northwind.example"},
            {"Bluefield", "BF", "bluefield.example"},
            {"Meridian", "MR", "meridian-advisory.example"},
            {"Castlegate", "CG", "castlegate.example"},
            {"Kestrel", "KS", "kestrel.example"},
            {"Ashford & Lane", "AL", "ashfordlane.example"},
            {"Silverline", "SL", "silverline.example"},
            {"Lindqvist", "LQ", "lindqvist.example"},
    };

    static final String[] DE_FIRST = {"Anna", "Lukas", "Sophie", "Jonas", "Marie", "Felix", "Lena", "Maximilian",
            "Hannah", "Paul", "Jürgen", "Björn", "Zoë", "Sören", "Katrin", "Matthias", "Ömer", "Ayşe", "Friederike",
            "Tobias", "Julia", "Moritz", "Clara", "Niklas"};
    static final String[] DE_LAST = {"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
            "Becker", "Schulz", "Hoffmann", "Köhler", "Groß", "Krüger", "Şahin", "Yılmaz", "Neumann", "Schwarz",
            "Zimmermann", "Braun", "Hofmann", "Lange", "Wolf", "Schäfer", "Koch"};
    static final String[] GB_FIRST = {"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily",
            "Charlotte", "James", "Siobhán", "Niamh", "Rhys", "Priya", "Aarav", "Eleanor", "Thomas", "Freya"};
    static final String[] GB_LAST = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans",
            "O'Connor", "Patel", "Khan", "McAllister", "Ní Bhriain", "Hughes", "Clarke", "Wright", "Ffion-Lloyd"};
    static final String[] US_FIRST = {"Michael", "Jennifer", "David", "Sarah", "Chris", "Jessica", "Daniel",
            "Ashley", "Carlos", "María", "Wei", "Aisha", "Tyler", "Brianna", "Kevin", "Mei"};
    static final String[] US_LAST = {"Johnson", "Garcia", "Miller", "Davis", "Rodriguez", "Martínez", "Nguyen",
            "Kim", "Washington", "Lee", "Thompson", "Anderson", "Okafor", "Rosenberg", "Chen", "Jackson"};
    static final String[] NL_FIRST = {"Daan", "Sanne", "Lotte", "Bram", "Femke", "Thijs", "Eva", "Sem", "Noor",
            "Ruben", "Joëlle", "Sjoerd"};
    static final String[] NL_LAST = {"de Vries", "van den Berg", "Jansen", "Bakker", "Visser", "Smit", "de Jong",
            "van Dijk", "Mulder", "Bos", "van 't Hek", "IJzerman"};
    /** Whole names in other scripts and spellings, for any entity. */
    static final String[] INTERNATIONAL = {"王芳", "李伟", "Zoë Ångström", "José Álvarez", "Łukasz Wróbel",
            "Ólafur Jónsson", "Αλέξανδρος Παπαδόπουλος", "Nguyễn Thị Hương", "佐藤 健", "Ahmed Al-Farsi",
            "Olga Ivanova", "Søren Kierkegaard-Holm", "Chloé Lefèvre", "François Dubois", "Dvořák Jiří",
            "Ana María Núñez-Ibáñez", "김민준", "Priyanka Raghunathan"};

    static final String[] CLIENT_STEMS = {"Acme", "Brightwater", "Nordlicht", "Kranich", "Altamira", "Helios",
            "Fjordline", "Rheingold", "Blackwood", "Silverlake", "Evergreen", "Orion", "Vantage", "Polaris", "Atlas",
            "Falkenstein", "Lindenhof", "Sonnenberg", "Keystone", "Redwood", "Ironbridge", "Harborview", "Aurora",
            "Bellevue", "Crestline", "Greenfield", "Highmoor", "Lakeside", "Montclair", "Northgate", "Oakridge",
            "Pinecrest", "Quantum", "Riverside", "Stonegate", "Tidewater", "Unity", "Westbrook", "Zenith",
            "Müller & Söhne", "Café Crème", "O'Neill", "Saint-Aubert", "Łódź Tech", "Nordström", "Bergmann",
            "Van Leeuwen", "Hargreaves", "Cumberland", "Del Mar"};
    static final String[] SECTORS = {"Logistics", "Industries", "Energy", "Retail", "Pharma", "Foods",
            "Insurance", "Capital", "Automotive", "Telecom", "Chemicals", "Media", "Systems", "Health", "Airlines",
            "Banking", "Utilities", "Holdings", "Technologies", "Manufacturing"};

    static String[] legalForms(String country) {
        return switch (country) {
            case "DE" -> new String[] {"GmbH", "AG", "SE", "GmbH & Co. KG"};
            case "AT" -> new String[] {"GmbH", "AG"};
            case "FR" -> new String[] {"SAS", "SARL", "SA"};
            case "NL" -> new String[] {"B.V.", "N.V."};
            case "BE" -> new String[] {"NV", "SRL"};
            case "IT" -> new String[] {"S.p.A.", "S.r.l."};
            case "ES" -> new String[] {"S.L.", "S.A."};
            case "IE" -> new String[] {"Limited", "DAC"};
            case "PL" -> new String[] {"sp. z o.o.", "S.A."};
            case "SE" -> new String[] {"AB"};
            case "DK" -> new String[] {"A/S", "ApS"};
            case "FI" -> new String[] {"Oy", "Oyj"};
            case "LU" -> new String[] {"S.à r.l.", "S.A."};
            case "GB" -> new String[] {"Ltd", "PLC", "LLP"};
            case "US" -> new String[] {"Inc.", "LLC", "Corp."};
            case "CH" -> new String[] {"AG", "SA", "GmbH"};
            default -> new String[] {"Ltd"};
        };
    }

    /** Street with a {@code #} for the house number, and the postcode and city; ", " separates the lines. */
    static String[] addresses(String country) {
        return switch (country) {
            case "DE" -> new String[] {"Friedrichstr. #, 10117 Berlin", "Königsallee #, 40212 Düsseldorf",
                    "Maximilianstraße #, 80539 München", "Jungfernstieg #, 20354 Hamburg",
                    "Zeil #, 60313 Frankfurt am Main", "Königstraße #, 70173 Stuttgart"};
            case "AT" -> new String[] {"Kärntner Straße #, 1010 Wien", "Getreidegasse #, 5020 Salzburg"};
            case "FR" -> new String[] {"# rue de la Paix, 75002 Paris", "# avenue des Champs-Élysées, 75008 Paris",
                    "# rue de la République, 69002 Lyon"};
            case "NL" -> new String[] {"Herengracht #, 1017 CB Amsterdam", "Coolsingel #, 3011 AD Rotterdam",
                    "Lange Voorhout #, 2514 EA Den Haag"};
            case "BE" -> new String[] {"Avenue Louise #, 1050 Bruxelles", "Meir #, 2000 Antwerpen"};
            case "IT" -> new String[] {"Via Montenapoleone #, 20121 Milano", "Via del Corso #, 00186 Roma"};
            case "ES" -> new String[] {"Calle de Serrano #, 28001 Madrid", "Passeig de Gràcia #, 08007 Barcelona"};
            case "IE" -> new String[] {"# St Stephen's Green, Dublin 2, D02 X285", "# Grand Parade, Cork, T12 W8F3"};
            case "PL" -> new String[] {"ul. Marszałkowska #, 00-624 Warszawa", "ul. Floriańska #, 31-019 Kraków"};
            case "SE" -> new String[] {"Kungsgatan #, 111 43 Stockholm", "Avenyn #, 411 36 Göteborg"};
            case "DK" -> new String[] {"Strøget #, 1160 København K"};
            case "FI" -> new String[] {"Mannerheimintie #, 00100 Helsinki"};
            case "LU" -> new String[] {"# Boulevard Royal, 2449 Luxembourg"};
            case "GB" -> new String[] {"# King William Street, London EC4N 7AR", "# Deansgate, Manchester M3 2BW",
                    "# George Street, Edinburgh EH2 2PF", "# Colmore Row, Birmingham B3 2BS"};
            case "US" -> new String[] {"# Fifth Avenue, New York, NY 10118", "# Market Street, San Francisco, CA 94105",
                    "# Michigan Avenue, Chicago, IL 60611", "# Peachtree Street NE, Atlanta, GA 30303"};
            case "CH" -> new String[] {"Bahnhofstrasse #, 8001 Zürich", "Rue du Rhône #, 1204 Genève",
                    "Aeschenvorstadt #, 4051 Basel"};
            default -> new String[] {"# Main Street"};
        };
    }

    static final String[] PROJECT_TYPES = {"ERP Rollout", "Finance Transformation", "Data Platform Build",
            "Cost Reduction Programme", "Cloud Migration", "Target Operating Model", "Regulatory Reporting (IFRS 17)",
            "Supply Chain Diagnostic", "M&A Due Diligence", "PMO Support", "Cyber Security Assessment",
            "Pricing Strategy", "CRM Implementation", "Procurement Excellence", "Post-Merger Integration",
            "Digital Strategy", "Treasury Optimisation", "HR Process Redesign"};
    static final String[] PROJECT_SUFFIXES = {" – Phase 2", ", Wave 1", " (DACH)", " – Pilot", ": Discovery",
            " \"Fast Track\""};

    static final String[] TASKS = {"Analysis", "Design", "Build", "Testing", "Workshops", "Project management",
            "Documentation", "Training delivery", "Data migration", "Stakeholder interviews", "Go-live support",
            "Quality assurance"};
    static final String NON_BILLABLE_TASK = "Travel time (non-billable)";
    static final String[] INTERNAL_TASKS = {"Training", "Pre-sales", "Internal administration", "Leave and absence"};

    static final String[] WORK_DESCRIPTIONS = {"Workshop with client team", "Requirements analysis, follow-up",
            "Status meeting", "Prepared steering committee deck", "Data model review", "Reviewed \"as-is\" process",
            "Stakeholder interviews", "Testing support", "Documentation update", "Abstimmung mit Fachbereich – Übergabe",
            "Interface specification, v2", "Cut-over planning", "Defect triage", "Client call; agreed next steps",
            "Workshop, day 1", "Workshop, day 2", "Report drafting", "Analysed cost drivers (Q3 vs. Q2)",
            "Coordinated with PMO", "Réunion de lancement", "Migration dry run", "KPI dashboard review"};
    /** Rare descriptions that exercise quoting and formula-like text; all valid per the formats doc. */
    static final String[] ODD_DESCRIPTIONS = {"Call with CFO\nFollow-up on budget", "=SUM check of cost model",
            "+1 call with PMO", "@mention from client lead, answered", "-- draft notes --"};
    static final String[] TRAINING_DESCRIPTIONS = {"Internal training: SAP S/4HANA", "Certification prep",
            "Onboarding session", "Knowledge sharing, practice meeting"};
    static final String[] PRESALES_DESCRIPTIONS = {"Proposal for new client", "Pitch preparation",
            "RFP response, pricing section", "Credentials deck"};
    static final String[] ADMIN_DESCRIPTIONS = {"Internal admin", "Timesheet and expense admin", "Team meeting",
            "Staffing call"};

    static final String[] MILESTONES = {"Inception and project plan", "Current-state assessment, incl. interviews",
            "Target design sign-off", "Build phase 1 complete", "User acceptance test, sign-off",
            "Go-live and hypercare", "Final report and handover"};

    static final String[] UNKNOWN_CURRENCIES = {"SEK", "NOK", "DKK", "PLN", "CZK"};
    /** Units of the currency above per EUR, for plausible amounts. */
    static final int[] UNKNOWN_CURRENCY_PER_EUR = {11, 11, 7, 4, 25};
}
