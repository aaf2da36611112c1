package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import java.util.List;
import org.billrun.posting.einvoice.Party.Address;
import org.billrun.posting.einvoice.Party.Contact;
import org.billrun.posting.einvoice.Party.ElectronicAddress;

/**
 * The sample firm's parties (sample-data/northwind: entities.csv, clients.csv) as e-invoices name them.
 * Names, VAT ids and addresses are the sample's. What is marked "not in billrun's data" was made up here,
 * fictitious like the rest, before entities.csv and clients.csv had columns for it (V17: Peppol ids,
 * company ids, contacts, bank accounts, post codes and cities); the writer's tests keep their own parties,
 * and posting/document's tests read the sample's columns.
 */
final class Northwind {

    private Northwind() {}

    static final String EXEMPT_REVERSE_CHARGE = "Reverse charge: VAT to be accounted for by the recipient, Art. 196 Directive 2006/112/EC";
    static final String EXEMPT_NON_EU_B2B =
            "Not subject to German VAT: place of supply outside the EU (Art. 44 Directive 2006/112/EC; § 3a (2) UStG)";
    static final String EXEMPT_US = "No sales tax: professional consulting services are not subject to state sales tax";

    /** DE01. Not in billrun's data: participant id (9930, its VAT id), HRB number, contact, IBAN. */
    static Party de01() {
        return new Party("Northwind Consulting GmbH", new Address(List.of("Friedrichstr. 1"), "Berlin", "10117", null, "DE"),
                "DE811111111", "HRB 123456 B", null, new ElectronicAddress("9930", "DE811111111"),
                new Contact("Accounts receivable", "+49 30 1234567", "receivables@northwind-consulting.example"));
    }

    /** GB01. Not in billrun's data: participant id (9932, its VAT id), company number. */
    static Party gb01() {
        return new Party("Northwind Consulting Ltd", new Address(List.of("20 Finsbury Circus"), "London", "EC2M 7AQ", null, "GB"),
                "GB987654321", "01234567", null, new ElectronicAddress("9932", "GB987654321"), null);
    }

    /** US01: entities.csv's "EIN 98-7654321" is no VAT id: it is the company's id. Not in billrun's data: participant id (9959, EIN). */
    static Party us01() {
        return new Party("Northwind Consulting Inc.",
                new Address(List.of("350 Fifth Avenue", "Suite 4100"), "New York", "10118", "NY", "US"),
                null, "98-7654321", null, new ElectronicAddress("9959", "987654321"), null);
    }

    /** C-BAUER, DE. Not in billrun's data: participant id. */
    static Party bauer() {
        return new Party("Bauer Maschinenbau AG",
                new Address(List.of("Industriestraße 12"), "Brandenburg an der Havel", "14776", null, "DE"),
                "DE298765432", null, null, new ElectronicAddress("9930", "DE298765432"), null);
    }

    /** C-ACME, FR. Not in billrun's data: participant id. */
    static Party acme() {
        return new Party("Acme Industrie SARL", new Address(List.of("1 rue de la Paix"), "Paris", "75002", null, "FR"),
                "FR40123456789", null, null, new ElectronicAddress("9957", "FR40123456789"), null);
    }

    /** C-ALPEN, CH. Not in billrun's data: participant id (0183, the Swiss UID). */
    static Party alpen() {
        return new Party("Alpenblick Versicherungen AG", new Address(List.of("Bahnhofstrasse 45"), "Zürich", "8001", null, "CH"),
                "CHE-123.456.789 MWST", null, null, new ElectronicAddress("0183", "CHE123456789"), null);
    }

    /** C-HARBOUR, GB. Not in billrun's data: participant id. */
    static Party harbour() {
        return new Party("Harbour & Finch Ltd", new Address(List.of("14 Canada Square"), "London", "E14 5AB", null, "GB"),
                "GB123456789", null, null, new ElectronicAddress("9932", "GB123456789"), null);
    }

    /** C-KESTREL, GB. Not in billrun's data: participant id. */
    static Party kestrel() {
        return new Party("Kestrel Retail plc", new Address(List.of("Wellington Place 3"), "Leeds", "LS1 4AP", null, "GB"),
                "GB246813579", null, null, new ElectronicAddress("9932", "GB246813579"), null);
    }

    /** C-HUDSON, US: tax id 13-4567890 is an EIN. Not in billrun's data: participant id. */
    static Party hudson() {
        return new Party("Hudson River Capital LLC", new Address(List.of("200 Park Avenue"), "New York", "10166", "NY", "US"),
                "13-4567890", null, null, new ElectronicAddress("9959", "134567890"), null);
    }

    /** C-OESTERREICHER, a consumer in AT: no tax id, and no Peppol participant id (clients.csv has only an e-mail). */
    static Party oesterreicher() {
        return new Party("Dr. Katharina Österreicher", new Address(List.of("Praterstraße 9/14"), "Wien", "1020", null, "AT"),
                null, null, null, null, null);
    }

    /** Not in billrun's data: the entities' bank accounts. */
    static Payment sepa(String number, String terms) {
        return new Payment(Payment.Means.SEPA_CREDIT_TRANSFER, "DE89 3704 0044 0532 0130 00", "Northwind Consulting GmbH", "COBADEFFXXX",
                number, terms);
    }

    static Payment ukTransfer(String number, String terms) {
        return new Payment(Payment.Means.CREDIT_TRANSFER, "GB33BUKB20201555555555", "Northwind Consulting Ltd", "BUKBGB22", number, terms);
    }

    static Line time(String id, String name, String hours, String rate, String net, TaxCategory category, String ratePct) {
        return new Line(id, name, null, new BigDecimal(hours), Line.HOURS, new BigDecimal(rate), new BigDecimal(net), List.of(), category,
                ratePct == null ? null : new BigDecimal(ratePct));
    }

    static Line expense(String id, String name, String amount, TaxCategory category, String ratePct) {
        return Line.lumpSum(id, name, null, new BigDecimal(amount), category, ratePct == null ? null : new BigDecimal(ratePct));
    }
}
