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
 * nothing. The Tryton database keeps one entity's books (DE01, as scripts/tryton-setup sets it up), so the
 * test posts that entity ({@code post --entity DE01}); the other entities' invoices stay pending.
 */
@BillrunIntegrationTest
@ExtendWith(TrytondServer.Required.class)
class TrytonPostJobIntegrationTests {

    private static TrytondServer server;

    @Autowired
    RunService runService;

    @Autowired
    ApprovalService approvals;

    @Autowired
    PostService post;

    @Autowired
    JdbcClient jdbc;

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
            List<Long> allBefore = rpc.search("account.invoice", List.of(), null);

            PostService.PostReport second = post.post("DE01", PostService.DEFAULT_LIMIT);

            assertThat(second.batches()).as("nothing left to post").isEmpty();
            assertThat(rpc.search("account.invoice", List.of(), null)).as("no new Tryton invoice").isEqualTo(allBefore);
            assertThat(allBefore).hasSize(approved.size());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM posting WHERE entity_id <> 'DE01' AND state <> 'pending'").query(Long.class).single())
                .as("another entity's invoices wait for their own ERP").isZero();
    }

    private static BigDecimal cents(Object amount) {
        return ((BigDecimal) amount).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
