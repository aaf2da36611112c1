package org.billrun.posting.einvoice;

import java.math.BigDecimal;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CreditNoteLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.InvoiceLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ItemType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PriceType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.DescriptionType;

/** Invoice lines and credit note lines: the same content, in the two element types UBL has for them. */
final class UblLines {

    /** How far quantity x price may be from the line's net amount in Peppol BIS 3 (PEPPOL-EN16931-R120). */
    static final BigDecimal R120_SLACK = new BigDecimal("0.02");

    private final UblParts parts;
    private final String currency;

    UblLines(UblParts parts, String currency) {
        this.parts = parts;
        this.currency = currency;
    }

    /**
     * The price a line states: its unit price per one unit, as billrun priced it, wherever quantity x price
     * (+ charges - allowances) lands within R120's 0.02 of the net. In a zero-decimal currency it may not:
     * 7.3 hours at JPY 12,345 are 90,118.5, billed as 90,119. The line then states the price of its whole
     * quantity (price 90,119 for a base quantity of 7.3 hours), which reproduces the net exactly and keeps
     * the quantity and unit; the alternatives would be a price with invented decimals or a half-yen charge.
     *
     * @param baseQuantity null for a price per one unit
     */
    record Pricing(BigDecimal price, BigDecimal baseQuantity) {

        static Pricing of(Line line) {
            if (line.exactNet().subtract(line.net()).abs().compareTo(R120_SLACK) <= 0 || line.quantity().signum() == 0) {
                return new Pricing(line.unitPrice(), null);
            }
            BigDecimal beforeAllowancesCharges = line.allowancesCharges().stream().map(AllowanceCharge::signed)
                    .reduce(line.net(), BigDecimal::subtract);
            BigDecimal price = line.quantity().signum() < 0 ? beforeAllowancesCharges.negate() : beforeAllowancesCharges;
            return new Pricing(price, line.quantity().abs());
        }
    }

    InvoiceLineType invoiceLine(Line line) {
        InvoiceLineType ubl = new InvoiceLineType();
        ubl.setID(line.id());
        ubl.setInvoicedQuantity(line.quantity()).setUnitCode(line.unitCode());
        parts.inCurrency(ubl.setLineExtensionAmount(parts.amount(line.net())));
        line.allowancesCharges().forEach(ac -> ubl.addAllowanceCharge(parts.allowanceCharge(ac)));
        ubl.setItem(item(line));
        ubl.setPrice(price(line));
        return ubl;
    }

    CreditNoteLineType creditNoteLine(Line line) {
        CreditNoteLineType ubl = new CreditNoteLineType();
        ubl.setID(line.id());
        ubl.setCreditedQuantity(line.quantity()).setUnitCode(line.unitCode());
        parts.inCurrency(ubl.setLineExtensionAmount(parts.amount(line.net())));
        line.allowancesCharges().forEach(ac -> ubl.addAllowanceCharge(parts.allowanceCharge(ac)));
        ubl.setItem(item(line));
        ubl.setPrice(price(line));
        return ubl;
    }

    private ItemType item(Line line) {
        ItemType item = new ItemType();
        if (line.description() != null && !line.description().isBlank()) {
            item.addDescription(new DescriptionType(line.description()));
        }
        item.setName(line.name());
        item.addClassifiedTaxCategory(parts.taxCategory(line.taxCategory(), line.taxRate()));
        return item;
    }

    private PriceType price(Line line) {
        Pricing pricing = Pricing.of(line);
        PriceType price = new PriceType();
        price.setPriceAmount(pricing.price()).setCurrencyID(currency);
        if (pricing.baseQuantity() != null) {
            price.setBaseQuantity(pricing.baseQuantity()).setUnitCode(line.unitCode());
        }
        return price;
    }
}
