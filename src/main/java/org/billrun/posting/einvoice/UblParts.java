package org.billrun.posting.einvoice;

import com.helger.xsds.ccts.cct.schemamodule.AmountType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AllowanceChargeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.BranchType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ContactType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CountryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.FinancialAccountType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.MonetaryTotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyTaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxCategoryType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxSubtotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxTotalType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.AllowanceChargeReasonType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.PaymentIDType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.TaxExemptionReasonType;
import org.billrun.posting.einvoice.InvoiceSums.TaxKey;

/**
 * The UBL parts an invoice and a credit note share: parties, tax categories, allowances and charges,
 * the tax total, the monetary total and the payment means. Amounts go through {@link Amounts}, so each
 * is written at its currency's minor unit and never with more than 2 decimals.
 */
final class UblParts {

    /** The only tax scheme EN 16931 knows. */
    private static final String VAT = "VAT";

    private final String currency;

    UblParts(String currency) {
        this.currency = currency;
    }

    /** {@code amount} written in the document's currency into the element a setter created. */
    BigDecimal amount(BigDecimal amount) {
        return Amounts.written(amount, currency);
    }

    <T extends AmountType> T inCurrency(T element) {
        element.setCurrencyID(currency);
        return element;
    }

    /**
     * A party as the document names it. {@code showVatId} is false on an invoice outside the scope of VAT,
     * which may carry no VAT id of either party (BR-O-02): the seller is then identified by its company
     * registration id.
     */
    PartyType party(Party party, boolean showVatId) {
        PartyType ubl = new PartyType();
        Party.ElectronicAddress endpoint = party.electronicAddress();
        ubl.setEndpointID(endpoint.id()).setSchemeID(endpoint.scheme());
        ubl.setPostalAddress(address(party.address()));
        if (showVatId && party.hasVatId()) {
            PartyTaxSchemeType tax = new PartyTaxSchemeType();
            tax.setCompanyID(party.vatId().strip());
            tax.setTaxScheme(vatScheme());
            ubl.addPartyTaxScheme(tax);
        }
        PartyLegalEntityType legal = new PartyLegalEntityType();
        legal.setRegistrationName(party.name());
        if (party.hasCompanyId()) {
            var companyId = legal.setCompanyID(party.companyId().strip());
            if (party.companyIdScheme() != null && !party.companyIdScheme().isBlank()) {
                companyId.setSchemeID(party.companyIdScheme());
            }
        }
        ubl.addPartyLegalEntity(legal);
        Party.Contact contact = party.contact();
        if (contact != null) {
            ContactType ublContact = new ContactType();
            if (contact.name() != null) {
                ublContact.setName(contact.name());
            }
            if (contact.phone() != null) {
                ublContact.setTelephone(contact.phone());
            }
            if (contact.email() != null) {
                ublContact.setElectronicMail(contact.email());
            }
            ubl.setContact(ublContact);
        }
        return ubl;
    }

    private static AddressType address(Party.Address address) {
        AddressType ubl = new AddressType();
        List<String> lines = address.lines();
        if (!lines.isEmpty()) {
            ubl.setStreetName(lines.get(0));
        }
        if (lines.size() > 1) {
            ubl.setAdditionalStreetName(lines.get(1));
        }
        if (address.city() != null) {
            ubl.setCityName(address.city());
        }
        if (address.postCode() != null) {
            ubl.setPostalZone(address.postCode());
        }
        if (address.subdivision() != null) {
            ubl.setCountrySubentity(address.subdivision());
        }
        if (lines.size() > 2) {
            AddressLineType third = new AddressLineType();
            third.setLine(lines.get(2));
            ubl.addAddressLine(third);
        }
        CountryType country = new CountryType();
        country.setIdentificationCode(address.country());
        ubl.setCountry(country);
        return ubl;
    }

    /** A tax category: O states no rate at all (BR-O-05), every other category its rate (BR-S-05, BR-AE-05, ...). */
    TaxCategoryType taxCategory(TaxCategory category, BigDecimal rate) {
        TaxCategoryType ubl = new TaxCategoryType();
        ubl.setID(category.name());
        if (category.hasRate()) {
            ubl.setPercent(rate == null ? BigDecimal.ZERO : rate);
        }
        ubl.setTaxScheme(vatScheme());
        return ubl;
    }

    AllowanceChargeType allowanceCharge(AllowanceCharge ac) {
        AllowanceChargeType ubl = new AllowanceChargeType();
        ubl.setChargeIndicator(ac.isCharge());
        if (ac.reasonCode() != null && !ac.reasonCode().isBlank()) {
            ubl.setAllowanceChargeReasonCode(ac.reasonCode());
        }
        if (ac.reason() != null && !ac.reason().isBlank()) {
            ubl.addAllowanceChargeReason(new AllowanceChargeReasonType(ac.reason()));
        }
        inCurrency(ubl.setAmount(amount(ac.amount())));
        return ubl;
    }

    /** A document-level allowance or charge: also names the tax category and rate whose taxable amount it changes. */
    AllowanceChargeType allowanceCharge(DocumentAllowanceCharge dac) {
        AllowanceChargeType ubl = allowanceCharge(dac.allowanceCharge());
        ubl.addTaxCategory(taxCategory(dac.taxCategory(), dac.taxRate()));
        return ubl;
    }

    /**
     * The tax total with its breakdown, in the order the lines first use each category and rate. The total
     * is the sum of the subtotals' taxes (BR-CO-14); each subtotal's taxable amount is the one derived from
     * the lines and document allowances ({@link InvoiceSums}), which the invoice's own was checked to equal.
     */
    TaxTotalType taxTotal(InvoiceSums sums, List<TaxSubtotal> subtotals) {
        TaxTotalType ubl = new TaxTotalType();
        inCurrency(ubl.setTaxAmount(amount(sums.tax())));
        for (Map.Entry<TaxKey, BigDecimal> entry : sums.taxable().entrySet()) {
            TaxKey key = entry.getKey();
            TaxSubtotal subtotal = subtotals.stream().filter(s -> TaxKey.of(s.category(), s.rate()).equals(key)).findFirst()
                    .orElseThrow();
            TaxSubtotalType ublSubtotal = new TaxSubtotalType();
            inCurrency(ublSubtotal.setTaxableAmount(amount(entry.getValue())));
            inCurrency(ublSubtotal.setTaxAmount(amount(subtotal.taxAmount())));
            TaxCategoryType category = taxCategory(key.category(), key.rate());
            if (key.category().needsExemptionReason()) {
                String code = subtotal.effectiveExemptionCode();
                if (code != null && !code.isBlank()) {
                    category.setTaxExemptionReasonCode(code);
                }
                if (subtotal.exemptionReason() != null && !subtotal.exemptionReason().isBlank()) {
                    category.addTaxExemptionReason(new TaxExemptionReasonType(subtotal.exemptionReason()));
                }
            }
            ublSubtotal.setTaxCategory(category);
            ubl.addTaxSubtotal(ublSubtotal);
        }
        return ubl;
    }

    /**
     * The VAT total in the seller's VAT accounting currency (BT-111): a tax total of its own, without a
     * breakdown (PEPPOL-EN16931-R054), the only amount in another currency (R051).
     */
    static TaxTotalType taxTotalInAccountingCurrency(EInvoice.TaxAmount tax) {
        TaxTotalType ubl = new TaxTotalType();
        ubl.setTaxAmount(Amounts.written(tax.amount(), tax.currency())).setCurrencyID(tax.currency());
        return ubl;
    }

    /**
     * The monetary total, every figure from {@link InvoiceSums}. Allowance and charge totals appear only
     * when the document has some; the paid amount only when something was paid; no rounding amount, since
     * billrun's totals are exact sums of rounded lines.
     */
    MonetaryTotalType monetaryTotal(InvoiceSums sums, BigDecimal paid) {
        MonetaryTotalType ubl = new MonetaryTotalType();
        inCurrency(ubl.setLineExtensionAmount(amount(sums.lineTotal())));
        inCurrency(ubl.setTaxExclusiveAmount(amount(sums.net())));
        inCurrency(ubl.setTaxInclusiveAmount(amount(sums.gross())));
        if (sums.allowanceTotal().signum() != 0) {
            inCurrency(ubl.setAllowanceTotalAmount(amount(sums.allowanceTotal())));
        }
        if (sums.chargeTotal().signum() != 0) {
            inCurrency(ubl.setChargeTotalAmount(amount(sums.chargeTotal())));
        }
        if (paid.signum() != 0) {
            inCurrency(ubl.setPrepaidAmount(amount(paid)));
        }
        inCurrency(ubl.setPayableAmount(amount(sums.due())));
        return ubl;
    }

    static PaymentMeansType paymentMeans(Payment payment) {
        PaymentMeansType ubl = new PaymentMeansType();
        ubl.setPaymentMeansCode(payment.means().code());
        if (payment.remittanceId() != null && !payment.remittanceId().isBlank()) {
            ubl.addPaymentID(new PaymentIDType(payment.remittanceId()));
        }
        FinancialAccountType account = new FinancialAccountType();
        account.setID(payment.account().replace(" ", ""));
        if (payment.accountName() != null && !payment.accountName().isBlank()) {
            account.setName(payment.accountName());
        }
        if (payment.bic() != null && !payment.bic().isBlank()) {
            BranchType branch = new BranchType();
            branch.setID(payment.bic());
            account.setFinancialInstitutionBranch(branch);
        }
        ubl.setPayeeFinancialAccount(account);
        return ubl;
    }

    private static TaxSchemeType vatScheme() {
        TaxSchemeType scheme = new TaxSchemeType();
        scheme.setID(VAT);
        return scheme;
    }
}
