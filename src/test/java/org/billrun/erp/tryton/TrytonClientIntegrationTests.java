package org.billrun.erp.tryton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.billrun.erp.tryton.TrytonSaved.Change;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Tryton client against a real Tryton 6.0 (Debian's packages) that scripts/tryton-setup prepares for
 * the sample firm's German entity: parties, a customer invoice with a standard-rated and a
 * reverse-charge line, posting, reading back, lookup by reference, Tryton's errors.
 */
@ExtendWith(TrytondServer.Required.class)
class TrytonClientIntegrationTests {

    private static final LocalDate OCTOBER_END = LocalDate.of(2026, 10, 31);

    @TempDir
    static Path dir;

    private static TrytondServer server;
    private static TrytonSetup setup;
    private static TrytonJsonRpc rpc;
    private static TrytonParties parties;
    private static TrytonInvoices invoices;

    @BeforeAll
    static void startTryton() throws Exception {
        server = TrytondServer.start(dir);
        setup = server.setup();
        rpc = new TrytonJsonRpc(setup.settings(Duration.ofSeconds(5), Duration.ofSeconds(60)));
        parties = new TrytonParties(rpc);
        invoices = new TrytonInvoices(rpc, parties);
    }

    @AfterAll
    static void stopTryton() throws InterruptedException {
        if (rpc != null) {
            rpc.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void postsAnInvoiceWithAStandardRatedAndAReverseChargeLineAndReadsItBackToTheCent() {
        long party = parties.saveByCode(acme()).id();
        long standard = setup.taxOfRule("TX-DE-DOM-2021");
        long reverseCharge = setup.taxOfRule("TX-DE-EU-B2B-RC");

        long id = invoices.create(invoice("NWDE-2026-T0001", party, setup.paymentTerms().get(30), List.of(
                line("Senior consultant, 12.5 h", "12.5", "150.00", standard),
                line("Workshop materials", "1", "10.03", standard),
                line("Printed handouts", "1", "10.03", standard),
                line("Consulting for the French branch, 3 h", "3", "111.11", reverseCharge))));
        invoices.post(id, PastDueDates.ACCEPT);
        TrytonInvoice posted = invoices.read(id);

        assertThat(posted.state()).isEqualTo("posted");
        assertThat(posted.number()).matches("2026/\\d{5}");
        assertThat(posted.reference()).isEqualTo("NWDE-2026-T0001");
        assertThat(posted.partyId()).isEqualTo(party);
        assertThat(posted.invoiceDate()).isEqualTo(OCTOBER_END);
        assertThat(posted.currencyId()).isEqualTo(setup.currencyId());
        assertThat(posted.lines()).extracting(TrytonInvoice.Line::description).containsExactly("Senior consultant, 12.5 h",
                "Workshop materials", "Printed handouts", "Consulting for the French branch, 3 h");
        assertThat(posted.lines()).extracting(TrytonInvoice.Line::amount).containsExactly(money("1875.00"), money("10.03"),
                money("10.03"), money("333.33"));
        assertThat(posted.lines()).extracting(TrytonInvoice.Line::taxIds).containsExactly(List.of(standard), List.of(standard),
                List.of(standard), List.of(reverseCharge));
        assertThat(posted.lines()).extracting(TrytonInvoice.Line::accountId).containsOnly(setup.revenueAccountId());
        TrytonInvoice.Line first = posted.lines().get(0);
        assertThat(first.quantity()).isEqualByComparingTo("12.5");
        assertThat(first.unitPrice()).isEqualByComparingTo("150.00");
        // tax rounded per line, as the entity's rules say: 356.25 + 1.91 + 1.91 (per document it would be 360.06)
        assertThat(posted.taxes()).extracting(TrytonInvoice.Tax::taxId, TrytonInvoice.Tax::base, TrytonInvoice.Tax::amount)
                .containsExactlyInAnyOrder(tuple(standard, money("1895.06"), money("360.07")),
                        tuple(reverseCharge, money("333.33"), money("0.00")));
        assertThat(posted.taxes()).filteredOn(t -> t.taxId() == reverseCharge).singleElement()
                .extracting(TrytonInvoice.Tax::legalNotice).asString().startsWith("Reverse charge");
        assertThat(posted.untaxedAmount()).isEqualTo(money("2228.39"));
        assertThat(posted.taxAmount()).isEqualTo(money("360.07"));
        assertThat(posted.totalAmount()).isEqualTo(money("2588.46"));
    }

    @Test
    void anInvoiceInAnotherCurrencyIsPostedAtTheRateOfItsDateAndKeepsItsAmountsInThatCurrency() {
        long party = parties.saveByCode(new TrytonPartyData("C-ALPEN", "Alpenblick Versicherungen AG",
                new TrytonAddress("Bahnhofstrasse 45", "8001", "Zürich", "CH"),
                new TrytonTaxIdentifier(null, "CHE-123.456.789 MWST"), setup.paymentTerms().get(30))).id();
        long outsideScope = setup.taxOfRule("TX-DE-NONEU-B2B");
        long chf = setup.currencies().get("CHF");

        long id = invoices.create(new TrytonInvoiceRequest("NWDE-2026-T0004", party, OCTOBER_END, "October 2026",
                setup.receivableAccountId(), setup.revenueJournalId(), setup.paymentTerms().get(30), chf,
                List.of(line("Senior consultant, 8 h", "8", "210.00", outsideScope))));
        invoices.post(id, PastDueDates.ACCEPT);
        TrytonInvoice posted = invoices.read(id);

        assertThat(posted.state()).isEqualTo("posted");
        assertThat(posted.currencyId()).isEqualTo(chf);
        assertThat(posted.untaxedAmount()).isEqualTo(money("1680.00"));
        assertThat(posted.taxAmount()).isEqualTo(money("0.00"));
        assertThat(posted.totalAmount()).isEqualTo(money("1680.00"));
        assertThat(posted.taxes()).singleElement().satisfies(tax -> {
            assertThat(tax.taxId()).isEqualTo(outsideScope);
            assertThat(tax.base()).isEqualTo(money("1680.00"));
            assertThat(tax.legalNotice()).startsWith("Not subject to German VAT");
        });
    }

    @Test
    void aRetryFindsThePostedInvoiceByItsReferenceAndCreatesOrPostsNothingAgain() {
        long party = parties.saveByCode(acme()).id();
        TrytonInvoiceRequest request = invoice("NWDE-2026-T0002", party, setup.paymentTerms().get(30),
                List.of(line("Senior consultant, 2 h", "2", "150.00", setup.taxOfRule("TX-DE-DOM-2021"))));
        TrytonSaved first = invoices.createIfAbsent(request);
        invoices.post(first.id(), PastDueDates.ACCEPT);
        String number = invoices.read(first.id()).number();

        TrytonSaved second = invoices.createIfAbsent(request);
        invoices.post(second.id(), PastDueDates.ACCEPT);

        assertThat(first.change()).isEqualTo(Change.CREATED);
        assertThat(second).isEqualTo(new TrytonSaved(first.id(), Change.UNCHANGED));
        assertThat(invoices.findByReference("NWDE-2026-T0002")).containsExactly(first.id());
        assertThat(invoices.read(first.id()).number()).isEqualTo(number);
        assertThat(invoices.findByReference("NWDE-2026-NONE")).isEmpty();
    }

    @Test
    void savingAPartyByCodeCreatesItOnceAndThenWritesOnlyWhatChanged() {
        TrytonPartyData bauer = new TrytonPartyData("C-BAUER", "Bauer Maschinenbau AG",
                new TrytonAddress("Industriestraße 12", "14776", "Brandenburg an der Havel", "DE"),
                new TrytonTaxIdentifier("eu_vat", "DE298765435"), setup.paymentTerms().get(14));
        TrytonPartyData moved = new TrytonPartyData("C-BAUER", "Bauer Maschinenbau AG",
                new TrytonAddress("Hafenstraße 3", "14770", "Brandenburg an der Havel", "DE"),
                new TrytonTaxIdentifier("eu_vat", "DE298765435"), setup.paymentTerms().get(30));

        TrytonSaved created = parties.saveByCode(bauer);
        TrytonSaved unchanged = parties.saveByCode(bauer);
        TrytonSaved updated = parties.saveByCode(moved);

        assertThat(created.change()).isEqualTo(Change.CREATED);
        assertThat(unchanged).isEqualTo(new TrytonSaved(created.id(), Change.UNCHANGED));
        assertThat(updated).isEqualTo(new TrytonSaved(created.id(), Change.UPDATED));
        assertThat(parties.read(created.id())).isEqualTo(new TrytonParty(created.id(), "C-BAUER", "Bauer Maschinenbau AG",
                moved.address(), List.of(moved.taxIdentifier()), setup.paymentTerms().get(30)));
        assertThat(parties.findByCode("C-BAUER")).contains(created.id());
        assertThat(parties.findByTaxIdentifier("DE298765435")).containsExactly(created.id());
    }

    @Test
    void aVatNumberWithWrongCheckDigitsIsRefusedWithTrytonsMessageAndNothingIsCreated() {
        TrytonPartyData wrongDigits = new TrytonPartyData("C-WRONGVAT", "Acme Industrie SARL",
                new TrytonAddress("1 rue de la Paix", "75002", "Paris", "FR"),
                new TrytonTaxIdentifier("eu_vat", "FR40123456789"), null);

        TrytonPermanentException refused = catchThrowableOfType(TrytonPermanentException.class,
                () -> parties.saveByCode(wrongDigits));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.method()).isEqualTo("model.party.party.create");
        assertThat(refused.trytonMessage()).contains("FR40123456789").contains("is not valid");
        assertThat(parties.findByCode("C-WRONGVAT")).isEmpty();
    }

    @Test
    void postingAnInvoiceThatFellDueBeforeTodayStopsAtTrytonsWarningUnlessItIsAccepted() {
        assumeThat(LocalDate.now()).as("the clock is after the invoice's due date").isAfter(OCTOBER_END);
        long party = parties.saveByCode(acme()).id();
        long id = invoices.create(invoice("NWDE-2026-T0003", party, setup.paymentTerms().get(0),
                List.of(line("Senior consultant, 1 h", "1", "150.00", setup.taxOfRule("TX-DE-DOM-2021")))));

        TrytonWarningException warning = catchThrowableOfType(TrytonWarningException.class,
                () -> invoices.post(id, PastDueDates.REFUSE));

        assertThat(warning.warningName()).isEqualTo("invoice_payment_term_" + id);
        assertThat(warning.trytonMessage()).contains("in the past");
        assertThat(invoices.read(id).state()).isEqualTo("draft");
        assertThat(invoices.read(id).number()).isNull();
        invoices.post(id, PastDueDates.ACCEPT);
        assertThat(invoices.read(id).state()).isEqualTo("posted");
    }

    @Test
    void noLogLineAndNoExceptionMessageHoldsThePassword() throws Exception {
        String password = Files.readString(setup.passwordFile()).strip();
        Path wrongFile = dir.resolve("wrong-password");
        Files.writeString(wrongFile, "not-the-admin-password-42\n");
        Files.setPosixFilePermissions(wrongFile, PosixFilePermissions.fromString("rw-------"));
        Logger logger = (Logger) LoggerFactory.getLogger("org.billrun.erp.tryton");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (TrytonJsonRpc fresh = new TrytonJsonRpc(setup.settings(Duration.ofSeconds(5), Duration.ofSeconds(60)));
                TrytonJsonRpc wrong = new TrytonJsonRpc(new TrytonSettings(setup.serverUrl(), setup.database(), setup.login(),
                        wrongFile, Duration.ofSeconds(5), Duration.ofSeconds(60)))) {
            TrytonParties freshParties = new TrytonParties(fresh);
            freshParties.saveByCode(acme());
            TrytonPermanentException refused = catchThrowableOfType(TrytonPermanentException.class, wrong::login);

            assertThat(refused.getMessage()).contains("refused").doesNotContain("not-the-admin-password-42")
                    .doesNotContain(password);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }
        assertThat(lines.list).isNotEmpty();
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(password) || line.contains("not-the-admin-password-42")
                        || line.contains("Session "));
    }

    @Test
    void aPasswordFileOthersCanReadIsRefusedBeforeAnythingIsSent() throws Exception {
        Path open = dir.resolve("open-password");
        Files.writeString(open, "whatever\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        TrytonJsonRpc client = new TrytonJsonRpc(new TrytonSettings(setup.serverUrl(), setup.database(), setup.login(), open,
                Duration.ofSeconds(5), Duration.ofSeconds(60)));

        assertThatThrownBy(client::login).isInstanceOf(TrytonPermanentException.class)
                .hasMessageContaining("readable by its owner only").hasMessageNotContaining("whatever");
    }

    private static TrytonPartyData acme() {
        return new TrytonPartyData("C-ACME", "Acme Industrie SARL", new TrytonAddress("1 rue de la Paix", "75002", "Paris", "FR"),
                new TrytonTaxIdentifier("eu_vat", "FR11123456782"), setup.paymentTerms().get(30));
    }

    private static TrytonInvoiceRequest invoice(String reference, long party, long paymentTerm,
            List<TrytonInvoiceLineRequest> lines) {
        return new TrytonInvoiceRequest(reference, party, OCTOBER_END, "October 2026", setup.receivableAccountId(),
                setup.revenueJournalId(), paymentTerm, null, lines);
    }

    private static TrytonInvoiceLineRequest line(String description, String quantity, String unitPrice, long tax) {
        return new TrytonInvoiceLineRequest(description, new BigDecimal(quantity), new BigDecimal(unitPrice),
                setup.revenueAccountId(), List.of(tax));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }
}
