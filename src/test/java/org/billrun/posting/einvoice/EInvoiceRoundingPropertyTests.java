package org.billrun.posting.einvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.billrun.billing.MoneyFormat;
import org.billrun.posting.einvoice.EInvoiceValidator.Result;
import org.billrun.posting.einvoice.EInvoiceValidator.RuleSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rounding never breaks the sums the official rules check, on generated invoices: EUR, GBP, USD, CHF or
 * JPY; 1 to 60 lines of time (hours x rate, rounded to the minor unit), expenses, negative lines, line
 * write-downs; sometimes a cap write-down on the document; one or two standard rates, or reverse charge, or
 * outside scope; tax rounded per line or per document by billrun's own Rounding. Every document the writer
 * writes passes Peppol BIS 3 (which runs the EN 16931 rules too) with zero errors, BR-CO-10 and BR-CO-17
 * included. The writer refuses only a JPY invoice whose per-line tax drifted a whole yen, and the official
 * rules then refuse that document too (BR-CO-17): the check and the Schematron agree.
 *
 * <p>Seeded, so a failure names a case that reproduces. Explore further with
 * {@code -Dbillrun.einvoice.seed=N -Dbillrun.einvoice.tries=N}.
 */
class EInvoiceRoundingPropertyTests {

    private static final long SEED = Long.getLong("billrun.einvoice.seed", 20261031L);
    private static final int TRIES = Integer.getInteger("billrun.einvoice.tries", 120);
    private static final String[] CURRENCIES = {"EUR", "GBP", "USD", "CHF", "JPY", "JPY"};
    private static final String[] RATES = {"19", "7", "20", "17.5", "8.1", "21", "10", "16", "25", "5.5"};

    private static EInvoiceValidator validator;
    private final UblWriter writer = new UblWriter();

    @BeforeAll
    static void rules() {
        validator = new EInvoiceValidator();
    }

    @Test
    void everyWrittenInvoicePassesTheOfficialRulesAndOnlyAYenTaxDriftIsRefused() {
        SplittableRandom random = new SplittableRandom(SEED);
        int written = 0;
        int refused = 0;
        for (int i = 0; i < TRIES; i++) {
            EInvoice invoice = generate(random, i);
            String name = "case " + i + " of seed " + SEED + " (" + invoice.currency() + ", " + invoice.lines().size() + " lines, "
                    + invoice.taxSubtotals().stream().map(s -> s.category() + " " + s.rate()).toList() + ")";
            byte[] xml;
            try {
                xml = writer.write(invoice);
                written++;
            } catch (EInvoiceException e) {
                refused++;
                assertThat(invoice.currency()).as(name + " refused: " + e.problems()).isEqualTo("JPY");
                assertThat(e.problems()).as(name).allSatisfy(p -> assertThat(p).contains("(BR-CO-17)"));
                Result unchecked = validator.validate(writer.writeUnchecked(invoice), RuleSet.PEPPOL_BIS3);
                assertThat(unchecked.failed("BR-CO-17")).as(name + ": the rules refuse what the writer refused").isTrue();
                continue;
            }
            Result result = validator.validate(xml, RuleSet.PEPPOL_BIS3);
            if (!result.valid()) {
                fail(name + ": " + result.errors() + "\n" + new String(xml, StandardCharsets.UTF_8));
            }
        }
        System.out.println("seed " + SEED + ": " + TRIES + " invoices, " + written + " written and valid, " + refused
                + " refused for a JPY tax drift of a whole yen");
        assertThat(written).as("the generator mostly makes invoices the writer accepts").isGreaterThan(TRIES * 3 / 4);
    }

    private static EInvoice generate(SplittableRandom random, int index) {
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        int scale = MoneyFormat.minorDigits(currency);
        InvoiceBuilder builder = new InvoiceBuilder("GEN-" + index, currency)
                .dates(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30))
                .references("GEN-REF-" + index, "PO-" + index, null);
        if (random.nextBoolean()) {
            builder.documentRounding();
        }
        List<TaxCategory> categories = new ArrayList<>();
        List<String> rates = new ArrayList<>();
        switch (random.nextInt(6)) {
            case 0 -> {
                categories.add(TaxCategory.AE);
                rates.add("0");
                builder.parties(Northwind.de01(), Northwind.acme()).exemption(TaxCategory.AE, Northwind.EXEMPT_REVERSE_CHARGE);
            }
            case 1 -> {
                categories.add(TaxCategory.O);
                rates.add(null);
                builder.parties(Northwind.de01(), Northwind.alpen()).exemption(TaxCategory.O, Northwind.EXEMPT_NON_EU_B2B);
            }
            default -> {
                categories.add(TaxCategory.S);
                rates.add(RATES[random.nextInt(RATES.length)]);
                if (random.nextInt(3) == 0) {
                    categories.add(TaxCategory.S);
                    rates.add(RATES[random.nextInt(RATES.length)]);
                }
                builder.parties(Northwind.gb01(), Northwind.harbour());
            }
        }
        builder.payment(Northwind.sepa("GEN-" + index, "30 days net"));
        int count = index < 2 ? (index == 0 ? 1 : 60) : 1 + random.nextInt(60);
        List<BigDecimal> groupNets = new ArrayList<>(List.of(BigDecimal.ZERO, BigDecimal.ZERO));
        for (int k = 1; k <= count; k++) {
            int group = random.nextInt(categories.size());
            Line line = line(random, String.valueOf(k), currency, scale, categories.get(group), rates.get(group));
            groupNets.set(group, groupNets.get(group).add(line.net()));
            builder.line(line);
        }
        if (random.nextInt(4) == 0 && groupNets.get(0).signum() > 0) {
            BigDecimal writeDown = groupNets.get(0).multiply(BigDecimal.valueOf(random.nextInt(1, 40))).movePointLeft(2)
                    .setScale(scale, RoundingMode.DOWN);
            if (writeDown.signum() > 0) {
                builder.allowance(new DocumentAllowanceCharge(AllowanceCharge.allowance(writeDown, "95", "Write-down to not-to-exceed cap"),
                        categories.get(0), rates.get(0) == null ? null : new BigDecimal(rates.get(0))));
            }
        }
        return builder.build();
    }

    /** Time (hours x rate rounded half up to the minor unit, sometimes written down), an expense, or a negative line. */
    private static Line line(SplittableRandom random, String id, String currency, int scale, TaxCategory category, String rate) {
        BigDecimal ratePct = rate == null ? null : new BigDecimal(rate);
        int kind = random.nextInt(10);
        if (kind < 6) {
            BigDecimal hours = random.nextBoolean() ? BigDecimal.valueOf(random.nextInt(1, 640), 2).multiply(new BigDecimal("25"))
                    .stripTrailingZeros() : BigDecimal.valueOf(random.nextInt(1, 16000), 2);
            BigDecimal price = scale == 0 ? BigDecimal.valueOf(random.nextInt(5000, 60000))
                    : BigDecimal.valueOf(random.nextInt(5000, 45000), 2);
            BigDecimal gross = hours.multiply(price).setScale(scale, RoundingMode.HALF_UP);
            List<AllowanceCharge> writeDowns = new ArrayList<>();
            if (kind == 0) {
                BigDecimal writeDown = gross.multiply(BigDecimal.valueOf(random.nextInt(1, 50))).movePointLeft(2)
                        .setScale(scale, RoundingMode.DOWN);
                if (writeDown.signum() > 0) {
                    writeDowns.add(AllowanceCharge.allowance(writeDown, "95", "Write-down"));
                    gross = gross.subtract(writeDown);
                }
            }
            return new Line(id, "Consulting " + id, null, hours, Line.HOURS, price, gross, writeDowns, category, ratePct);
        }
        long units = random.nextLong(1, scale == 0 ? 500_000 : 500_000);
        BigDecimal amount = BigDecimal.valueOf(units, scale);
        if (kind == 9) {
            amount = amount.negate().divide(BigDecimal.TEN, scale, RoundingMode.DOWN);
            if (amount.signum() == 0) {
                amount = BigDecimal.valueOf(-1, scale);
            }
        }
        return Line.lumpSum(id, "Expense " + id, null, amount, category, ratePct);
    }
}
