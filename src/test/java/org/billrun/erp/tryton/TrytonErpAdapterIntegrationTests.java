package org.billrun.erp.tryton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.billrun.erp.tryton.TrytonErpFixtures.acmeOctober;
import static org.billrun.erp.tryton.TrytonErpFixtures.invoice;
import static org.billrun.erp.tryton.TrytonErpFixtures.line;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.posting.port.OutgoingInvoice.Customer;
import org.billrun.posting.port.OutgoingInvoice.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tryton adapter against a real Tryton 6.0 (Debian's packages) set up by scripts/tryton-setup for the
 * sample firm's German entity: a final invoice posted for real and read back to the cent, a second send
 * that creates nothing, lookup and listing by reference, a credit note, a draft left by an interrupted
 * attempt, totals Tryton would compute differently, a new customer.
 */
@ExtendWith(TrytondServer.Required.class)
class TrytonErpAdapterIntegrationTests {

    @TempDir
    static Path dir;

    private static TrytondServer server;
    private static TrytonSetup setup;
    private static TrytonJsonRpc rpc;
    private static TrytonErpAdapter adapter;
    private static TrytonParties parties;
    private static TrytonInvoices invoices;

    @BeforeAll
    static void startTryton() throws Exception {
        server = TrytondServer.start(dir);
        setup = server.setup();
        rpc = new TrytonJsonRpc(setup.settings(Duration.ofSeconds(5), Duration.ofSeconds(60)));
        adapter = new TrytonErpAdapter(setup, rpc, PastDueDates.ACCEPT);
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
    void aFinalInvoiceIsPostedOnceReadBackToTheCentAndASecondSendFindsItInsteadOfCreatingAnother() {
        OutgoingInvoice invoice = acmeOctober("NWDE-2026-E0001");

        ErpAnswer first = adapter.send(invoice);
        ErpAnswer second = adapter.send(invoice);

        assertThat(first.outcome()).as(first.message()).isEqualTo(Outcome.POSTED);
        assertThat(first.documentId()).matches("2026/\\d{5}");
        assertThat(first.erpStatus()).isEqualTo("posted");
        assertThat(first.requestDigest()).matches("[0-9a-f]{64}");
        assertThat(second).isEqualTo(first);
        List<Long> found = invoices.findByReference("NWDE-2026-E0001");
        assertThat(found).hasSize(1);
        TrytonInvoice booked = invoices.read(found.get(0));
        assertThat(booked.number()).isEqualTo(first.documentId());
        assertThat(booked.invoiceDate()).isEqualTo(TrytonErpFixtures.OCTOBER_END);
        assertThat(booked.lines()).extracting(TrytonInvoice.Line::description, TrytonInvoice.Line::amount).containsExactly(
                tuple("Senior consultant, 12.5 h", new BigDecimal("1875.00")),
                tuple("Consulting for the French branch, 3 h", new BigDecimal("333.33")));
        assertThat(List.of(booked.untaxedAmount(), booked.taxAmount(), booked.totalAmount()))
                .containsExactly(new BigDecimal("2208.33"), new BigDecimal("356.25"), new BigDecimal("2564.58"));
        assertThat(parties.read(booked.partyId()).code()).isEqualTo("C-ACME");
        assertThat(rpc.search("party.party", List.of(List.of("code", "=", "C-ACME")), null)).hasSize(1);

        ErpDocument document = new ErpDocument("DE01", "NWDE-2026-E0001", first.documentId(), "posted", "EUR",
                new BigDecimal("2564.58"));
        assertThat(adapter.lookup("DE01", "NWDE-2026-E0001")).containsExactly(document);
        assertThat(adapter.lookup("DE01", "NWDE-2026-NEVER")).isEmpty();
        assertThat(adapter.documents("DE01")).contains(document);
    }

    @Test
    void aCreditNoteIsBookedWithNegativeAmountsAndListedWithTheLedgersPositiveGross() {
        OutgoingInvoice credit = invoice("NWDE-2026-E0002", Kind.CREDIT_NOTE, TrytonErpFixtures.acme(), "EUR",
                List.of(line(1, "Credit: senior consultant, 2 h", "2", "150.00", "300.00", "S", "19", "57.00")), "300.00",
                "57.00", "357.00");

        ErpAnswer answer = adapter.send(credit);

        assertThat(answer.outcome()).as(answer.message()).isEqualTo(Outcome.POSTED);
        TrytonInvoice booked = invoices.read(invoices.findByReference("NWDE-2026-E0002").get(0));
        assertThat(List.of(booked.untaxedAmount(), booked.taxAmount(), booked.totalAmount()))
                .containsExactly(new BigDecimal("-300.00"), new BigDecimal("-57.00"), new BigDecimal("-357.00"));
        assertThat(adapter.lookup("DE01", "NWDE-2026-E0002")).as("as the ledger holds it").extracting(ErpDocument::gross)
                .containsExactly(new BigDecimal("357.00"));
    }

    @Test
    void aDraftLeftByAnInterruptedAttemptIsPostedAndNotCreatedAgain() {
        OutgoingInvoice invoice = acmeOctober("NWDE-2026-E0003");
        TrytonPosting posting = TrytonPosting.of(invoice, setup);
        long party = parties.saveByCode(posting.party()).id();
        long draft = invoices.create(posting.request(party, setup));
        List<ErpDocument> beforeSend = adapter.lookup("DE01", "NWDE-2026-E0003");
        List<ErpDocument> listedBeforeSend = adapter.documents("DE01");

        ErpAnswer answer = adapter.send(invoice);

        assertThat(beforeSend).as("a draft is not booked: the lookup does not report it posted").isEmpty();
        assertThat(listedBeforeSend).filteredOn(d -> "NWDE-2026-E0003".equals(d.reference())).singleElement()
                .satisfies(d -> {
                    assertThat(d.status()).isEqualTo("draft");
                    assertThat(d.documentId()).isEqualTo("account.invoice," + draft);
                });
        assertThat(answer.outcome()).as(answer.message()).isEqualTo(Outcome.POSTED);
        assertThat(adapter.lookup("DE01", "NWDE-2026-E0003")).extracting(ErpDocument::documentId)
                .containsExactly(answer.documentId());
        assertThat(invoices.findByReference("NWDE-2026-E0003")).containsExactly(draft);
        assertThat(invoices.read(draft).state()).isEqualTo("posted");
        assertThat(invoices.read(draft).number()).isEqualTo(answer.documentId());
    }

    @Test
    void anInvoiceWhoseTotalsTrytonComputesDifferentlyIsRefusedAndItsDraftDeleted() {
        OutgoingInvoice wrongTax = invoice("NWDE-2026-E0004", Kind.INVOICE, TrytonErpFixtures.acme(), "EUR",
                List.of(line(1, "Senior consultant, 1 h", "1", "150.00", "150.00", "S", "19", "28.49")), "150.00", "28.49",
                "178.49");

        ErpAnswer answer = adapter.send(wrongTax);

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).contains("differ from billrun's").contains("the draft was deleted");
        assertThat(invoices.findByReference("NWDE-2026-E0004")).isEmpty();
    }

    @Test
    void aNewCustomerIsCreatedByItsClientIdAndThenUsedAsTrytonHasIt() {
        Customer newco = new Customer("C-NEWCO", "Newco Beratung GmbH", "DE", "DE-UNCHECKED-1", "Hafenweg 5, 20457 Hamburg");
        Customer renamed = new Customer("C-NEWCO", "Newco Consulting GmbH", "DE", "DE-UNCHECKED-1", "Elsewhere 1");

        ErpAnswer first = adapter.send(invoice("NWDE-2026-E0005", Kind.INVOICE, newco, "EUR",
                List.of(line(1, "Workshop", "1", "1000.00", "1000.00", "S", "19", "190.00")), "1000.00", "190.00", "1190.00"));
        ErpAnswer second = adapter.send(invoice("NWDE-2026-E0006", Kind.INVOICE, renamed, "EUR",
                List.of(line(1, "Workshop", "1", "500.00", "500.00", "S", "19", "95.00")), "500.00", "95.00", "595.00"));

        assertThat(List.of(first.outcome(), second.outcome())).containsOnly(Outcome.POSTED);
        long id = parties.findByCode("C-NEWCO").orElseThrow();
        TrytonParty party = parties.read(id);
        assertThat(party.name()).isEqualTo("Newco Beratung GmbH");
        assertThat(party.address()).isEqualTo(new TrytonAddress("Hafenweg 5, 20457 Hamburg", null, null, "DE"));
        assertThat(party.identifiers()).containsExactly(new TrytonTaxIdentifier(null, "DE-UNCHECKED-1"));
        assertThat(invoices.read(invoices.findByReference("NWDE-2026-E0006").get(0)).partyId()).isEqualTo(id);
    }
}
