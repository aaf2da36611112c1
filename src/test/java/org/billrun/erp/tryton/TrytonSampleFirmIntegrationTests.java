package org.billrun.erp.tryton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.billrun.approval.Acting;
import org.billrun.approval.ApprovalService;
import org.billrun.credit.CreditActor;
import org.billrun.credit.CreditMemo;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditRequest;
import org.billrun.credit.CreditService;
import org.billrun.credit.CreditState;
import org.billrun.infra.Stage;
import org.billrun.posting.BatchState;
import org.billrun.posting.PostService;
import org.billrun.run.RunOutcome;
import org.billrun.run.RunRequest;
import org.billrun.run.RunService;
import org.billrun.support.BillrunIntegrationTest;
import org.billrun.support.DatabaseState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16's round trip: the sample firm run, its straight-through drafts approved, and the post job
 * ({@code billrun.erp.adapter=tryton}) posting the German entity's invoices to a real Tryton 6.0. Every
 * approved DE01 invoice is read back through Tryton's API and compared with billrun's database: reference,
 * customer, lines, tax and totals to the cent, Tryton's number in the posting row; a second post changes
 * nothing. Then part of one invoice is credited (issue 19): the credit note is posted, read back (number, customer,
 * lines, tax and totals to the cent, negative as Tryton books credit notes) and reconciled without a difference, and a
 * further post changes nothing. The Tryton database keeps one entity's books (DE01, as scripts/tryton-setup sets it up), so the
 * test posts that entity ({@code post --entity DE01}); the other entities' invoices stay pending. And
 * {@code billrun erp sync-customers} on the same trytond: parties made to match the sample firm's clients, what
 * billrun does not own reported and left alone, a second sync that changes nothing.
 */
@BillrunIntegrationTest
@ExtendWith(TrytondServer.Required.class)
class TrytonSampleFirmIntegrationTests {

    private static TrytondServer server;

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostService post;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrytonCustomerSync customerSync;

    @Autowired
    CreditService credits;

    /** One trytond for the class, started when Spring asks for the setup file (setup takes about a minute). */
    private static synchronized TrytondServer server() {
        if (server == null) {
            try {
                server = TrytondServer.start(Files.createTempDirectory("billrun-tryton-post"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start trytond", e);
            }
        }
        return server;
    }

    @DynamicPropertySource
    static void postToTryton(DynamicPropertyRegistry registry) {
        registry.add("billrun.erp.adapter", () -> "tryton");
        registry.add("billrun.erp.tryton.setup-file", () -> server().setupFile().toString());
    }

    @AfterAll
    static void stopTryton() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theSampleFirmsApprovedGermanInvoicesArePostedToTrytonAndReadBackToTheCentAndASecondPostChangesNothing() throws Exception {
        new DatabaseState(jdbc).reset();
        RunOutcome outcome = runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.DRAFT,
                null, null, null));
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        approvals.approveStraightThrough(null, Acting.as("finance"));
        List<Map<String, Object>> approved = jdbc.sql("""
                SELECT p.final_number, p.run_id, p.draft_id, p.net, p.tax, p.gross, d.client_id, c.name AS client_name
                FROM posting p JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id
                JOIN current_client c ON c.client_id = d.client_id
                WHERE p.entity_id = 'DE01' ORDER BY p.final_number""").query().listOfRows();
        assertThat(approved).as("the sample firm has approved German invoices").hasSizeGreaterThan(1);

        PostService.PostReport report = post.post("DE01", PostService.DEFAULT_LIMIT);

        assertThat(report.failed()).as(jdbc.sql("SELECT coalesce(string_agg(final_number || ': ' || coalesce(last_message, ''), '; '), '') FROM posting"
                + " WHERE entity_id = 'DE01' AND state <> 'posted'").query(String.class).single()).isFalse();
        assertThat(report.batches()).singleElement().satisfies(b -> {
            assertThat(b.entityId()).isEqualTo("DE01");
            assertThat(b.state()).isEqualTo(BatchState.BALANCED);
        });
        TrytonSetup setup = server().setup();
        try (TrytonJsonRpc rpc = new TrytonJsonRpc(setup.settings(Duration.ofSeconds(5), Duration.ofSeconds(60)))) {
            TrytonParties parties = new TrytonParties(rpc);
            TrytonInvoices invoices = new TrytonInvoices(rpc, parties);
            for (Map<String, Object> row : approved) {
                String number = (String) row.get("final_number");
                List<Long> found = invoices.findByReference(number);
                assertThat(found).as("one Tryton invoice with reference %s", number).hasSize(1);
                TrytonInvoice booked = invoices.read(found.get(0));
                assertThat(booked.state()).isEqualTo("posted");
                assertThat(booked.number()).isEqualTo(jdbc.sql("SELECT erp_document_id FROM posting WHERE final_number = ? AND state = 'posted'")
                        .param(number).query(String.class).single());
                TrytonParty party = parties.read(booked.partyId());
                assertThat(tuple(party.code(), party.name())).isEqualTo(tuple(row.get("client_id"), row.get("client_name")));
                assertThat(List.of(booked.untaxedAmount(), booked.taxAmount(), booked.totalAmount())).as(number)
                        .containsExactly(cents(row.get("net")), cents(row.get("tax")), cents(row.get("gross")));
                assertThat(booked.taxes().stream().map(TrytonInvoice.Tax::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                        .as("%s: Tryton's tax lines add up to billrun's tax", number).isEqualByComparingTo(cents(row.get("tax")));
                List<Tuple> billrunLines = jdbc.sql("SELECT description, net FROM draft_line WHERE run_id = ? AND draft_id = ? ORDER BY line_no")
                        .params(row.get("run_id"), row.get("draft_id")).query((rs, n) -> tuple(rs.getString(1), cents(rs.getBigDecimal(2))))
                        .list();
                assertThat(booked.lines()).extracting(TrytonInvoice.Line::description, l -> cents(l.amount())).as(number)
                        .containsExactlyInAnyOrderElementsOf(billrunLines);
            }
            // issue 19: part of a standard-rated invoice credited, approved, posted as Tryton books credit notes (negative), read
            // back to the cent, and reconciled without a difference: the ledger holds the credit note positive
            String credited = jdbc.sql("SELECT final_number FROM posting WHERE draft_id = '2026-10-NWDE-K-PRIV-1'").query(String.class).single();
            int timeLine = jdbc.sql("SELECT min(line_no) FROM draft_line WHERE draft_id = '2026-10-NWDE-K-PRIV-1' AND line_type = 'time'"
                    + " AND quantity >= 2").query(Integer.class).single();
            CreditMemo asked = credits.issue(new CreditRequest(credited, List.of(new CreditRequest.Line(timeLine, new BigDecimal("1.5"), null)),
                    CreditReason.HOURS, "hours booked twice", false, CreditActor.of("admin")));
            CreditMemo credit = credits.approve(asked.reference(), CreditActor.of("finance"), null);
            assertThat(credit.state()).as("finance's approval is the only step of a small credit").isEqualTo(CreditState.APPROVED);
            List<Long> invoicesOnly = rpc.search("account.invoice", List.of(), null);

            PostService.PostReport creditPost = post.post("DE01", PostService.DEFAULT_LIMIT);

            assertThat(creditPost.failed()).as(jdbc.sql("SELECT coalesce(string_agg(last_message, '; '), '') FROM posting WHERE credit_id IS NOT NULL")
                    .query(String.class).single()).isFalse();
            List<Long> creditFound = invoices.findByReference(credit.finalNumber());
            assertThat(creditFound).as("one Tryton document for credit note %s", credit.finalNumber()).hasSize(1);
            TrytonInvoice booked = invoices.read(creditFound.get(0));
            assertThat(booked.state()).isEqualTo("posted");
            assertThat(booked.number()).isEqualTo(jdbc.sql("SELECT erp_document_id FROM posting WHERE final_number = ? AND state = 'posted'")
                    .param(credit.finalNumber()).query(String.class).single());
            assertThat(List.of(booked.untaxedAmount(), booked.taxAmount(), booked.totalAmount())).as("Tryton books it negative")
                    .containsExactly(cents(credit.net()).negate(), cents(credit.tax()).negate(), cents(credit.gross()).negate());
            assertThat(credit.tax()).as("a standard-rated line: the credit gives tax back").isPositive();
            assertThat(booked.taxes().stream().map(TrytonInvoice.Tax::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(cents(credit.tax()).negate());
            assertThat(booked.lines()).extracting(TrytonInvoice.Line::description, l -> cents(l.amount()))
                    .containsExactlyElementsOf(credit.lines().stream().map(l -> tuple(l.description(), cents(l.net()).negate())).toList());
            assertThat(parties.read(booked.partyId()).code()).isEqualTo(credit.clientId());
            assertThat(post.reconcile("DE01")).as("the credit note's negative total is no difference").isEmpty();
            List<Long> allBefore = rpc.search("account.invoice", List.of(), null);
            assertThat(allBefore).hasSize(invoicesOnly.size() + 1);

            PostService.PostReport second = post.post("DE01", PostService.DEFAULT_LIMIT);

            assertThat(second.batches()).as("nothing left to post").isEmpty();
            assertThat(rpc.search("account.invoice", List.of(), null)).as("no new Tryton invoice").isEqualTo(allBefore);
            assertThat(invoicesOnly).hasSize(approved.size());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM posting WHERE entity_id <> 'DE01' AND state <> 'pending'").query(Long.class).single())
                .as("another entity's invoices wait for their own ERP").isZero();
    }

    @Test
    void syncCustomersMakesTrytonsPartiesMatchTheClientsReportsWhatItDoesNotOwnAndASecondSyncChangesNothing() throws Exception {
        new DatabaseState(jdbc).reset();
        assertThat(runService.run(new RunRequest(YearMonth.of(2026, 10), "all", Path.of("sample-data/northwind"), Stage.INGEST,
                null, null, null)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> clients = jdbc.sql("SELECT client_id, name, country, tax_id, bill_to_address, payment_terms_days"
                + " FROM current_client ORDER BY client_id").query().listOfRows();
        TrytonSetup setup = server().setup();

        TrytonCustomerSync.Result first = customerSync.sync();

        assertThat(first.clients()).extracting(TrytonCustomerSync.Synced::clientId)
                .containsExactlyElementsOf(clients.stream().map(c -> (String) c.get("client_id")).toList());
        try (TrytonJsonRpc rpc = new TrytonJsonRpc(setup.settings(Duration.ofSeconds(5), Duration.ofSeconds(60)))) {
            TrytonParties parties = new TrytonParties(rpc);
            for (Map<String, Object> client : clients) {
                String id = (String) client.get("client_id");
                TrytonParty party = parties.read(parties.findByCode(id).orElseThrow());
                assertThat(party.name()).isEqualTo(client.get("name"));
                assertThat(party.address()).isEqualTo(new TrytonAddress((String) client.get("bill_to_address"), null, null,
                        (String) client.get("country")));
                String taxId = (String) client.get("tax_id");
                assertThat(party.identifiers()).as(id)
                        .isEqualTo(taxId == null || taxId.isBlank() ? List.of() : List.of(new TrytonTaxIdentifier(null, taxId)));
                assertThat(party.customerPaymentTermId()).isEqualTo(setup.paymentTerms().get((Integer) client.get("payment_terms_days")));
            }
            assertThat(customerSync.sync().clients()).as("a second sync changes nothing")
                    .allMatch(c -> c.change() == TrytonSaved.Change.UNCHANGED && c.notes().isEmpty());

            // a person renames a party in Tryton and gives it a further identifier; someone keys in a duplicate and a party of
            // their own
            String acme = (String) clients.get(0).get("client_id");
            long acmeParty = parties.findByCode(acme).orElseThrow();
            rpc.call("model.party.party.write", List.of(acmeParty), Map.of("name", "Renamed in Tryton",
                    "identifiers", List.of(List.of("create", List.of(Map.of("code", "EXTRA-42"))))));
            long duplicate = parties.saveByCode(new TrytonPartyData("DUP-1", "Duplicate", new TrytonAddress("Somewhere 1", null, null,
                    (String) clients.get(0).get("country")), new TrytonTaxIdentifier(null, (String) clients.get(0).get("tax_id")), null)).id();
            long own = parties.saveByCode(new TrytonPartyData("TRYTON-OWN", "Kept by Tryton", new TrytonAddress("Elsewhere 2", null, null,
                    (String) clients.get(0).get("country")), null, null)).id();

            TrytonCustomerSync.Result third = customerSync.sync();

            assertThat(third.clients()).filteredOn(c -> c.clientId().equals(acme)).singleElement().satisfies(c -> {
                assertThat(c.change()).isEqualTo(TrytonSaved.Change.UPDATED);
                assertThat(c.notes()).anyMatch(n -> n.contains("further identifier EXTRA-42"))
                        .anyMatch(n -> n.contains("party " + duplicate + " (code DUP-1, Duplicate)") && n.contains("duplicate"));
            });
            assertThat(parties.read(acmeParty).name()).isEqualTo(clients.get(0).get("name"));
            assertThat(parties.read(acmeParty).identifiers()).contains(new TrytonTaxIdentifier(null, "EXTRA-42"));
            assertThat(third.clients()).filteredOn(c -> !c.clientId().equals(acme))
                    .allMatch(c -> c.change() == TrytonSaved.Change.UNCHANGED);
            assertThat(third.foreign()).extracting(TrytonCustomerSync.Foreign::partyId).contains(duplicate, own);
            assertThat(parties.read(own).name()).as("left alone").isEqualTo("Kept by Tryton");
        }
    }

    private static BigDecimal cents(Object amount) {
        return ((BigDecimal) amount).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
