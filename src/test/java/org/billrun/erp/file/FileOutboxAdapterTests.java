package org.billrun.erp.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.OutgoingInvoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOutboxAdapterTests {

    @TempDir
    Path outbox;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-02T09:00:00Z"), ZoneOffset.UTC);

    private static OutgoingInvoice invoice(String number, String gross) {
        return new OutgoingInvoice(OutgoingInvoice.idempotencyKey("DE01", number, 1), "DE01", number, 7, 1, "2026-10-NWDE-C1", "PB-1",
                OutgoingInvoice.Kind.INVOICE, null, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 12, 2), "EUR",
                new OutgoingInvoice.Customer("C-1", "Contoso, \"Berlin\"", "DE", null, null), List.of(), new BigDecimal("100.00"),
                new BigDecimal("19.00"), new BigDecimal(gross), ("<Invoice>" + number + "</Invoice>").getBytes(StandardCharsets.UTF_8),
                ("%PDF " + number).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anInvoiceBecomesItsUblItsPdfAndAJournalLineInCsvAndJson() throws IOException {
        FileOutboxAdapter adapter = new FileOutboxAdapter(outbox, clock);

        ErpAnswer answer = adapter.send(invoice("NWDE-2026-000001", "119.00"));

        assertThat(answer.outcome()).isEqualTo(ErpAnswer.Outcome.POSTED);
        assertThat(answer.documentId()).isEqualTo("DE01/NWDE-2026-000001/1");
        assertThat(answer.requestDigest()).hasSize(64);
        assertThat(answer.responseDigest()).hasSize(64);
        assertThat(Files.readString(outbox.resolve("DE01/NWDE-2026-000001.xml"))).isEqualTo("<Invoice>NWDE-2026-000001</Invoice>");
        assertThat(Files.readString(outbox.resolve("DE01/NWDE-2026-000001.pdf"))).isEqualTo("%PDF NWDE-2026-000001");
        List<String> csv = Files.readAllLines(outbox.resolve("journal.csv"));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(0)).isEqualTo(String.join(",", OutboxJournal.COLUMNS));
        assertThat(csv.get(1)).startsWith("2026-11-02T09:00:00Z,DE01,NWDE-2026-000001,DE01/NWDE-2026-000001/1,DE01/NWDE-2026-000001/1,PB-1,")
                .contains(",EUR,100.00,19.00,119.00,DE01/NWDE-2026-000001,");
        assertThat(Files.readAllLines(outbox.resolve("journal.jsonl"))).singleElement().asString()
                .contains("\"reference\":\"NWDE-2026-000001\"").contains("\"gross\":\"119.00\"");
        try (Stream<Path> files = Files.walk(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aSecondSendOfTheSameKeyWritesNothingAndAnswersTheSameDocument() throws IOException {
        FileOutboxAdapter adapter = new FileOutboxAdapter(outbox, clock);
        ErpAnswer first = adapter.send(invoice("NWDE-2026-000001", "119.00"));
        long journal = Files.size(outbox.resolve("journal.jsonl"));

        ErpAnswer again = new FileOutboxAdapter(outbox, clock).send(invoice("NWDE-2026-000001", "119.00"));

        assertThat(again.outcome()).isEqualTo(ErpAnswer.Outcome.POSTED);
        assertThat(again.documentId()).isEqualTo(first.documentId());
        assertThat(Files.size(outbox.resolve("journal.jsonl"))).isEqualTo(journal);
        assertThat(Files.readAllLines(outbox.resolve("journal.csv"))).hasSize(2);
    }

    @Test
    void lookupAndDocumentsReadTheJournal() {
        FileOutboxAdapter adapter = new FileOutboxAdapter(outbox, clock);
        adapter.send(invoice("NWDE-2026-000001", "119.00"));
        adapter.send(invoice("NWDE-2026-000002", "238.00"));

        assertThat(adapter.lookup("DE01", "NWDE-2026-000002")).singleElement()
                .satisfies(d -> assertThat(d.gross()).isEqualByComparingTo("238.00"));
        assertThat(adapter.lookup("DE01", "NWDE-2026-000003")).isEmpty();
        assertThat(adapter.lookup("GB01", "NWDE-2026-000001")).isEmpty();
        assertThat(new FileOutboxAdapter(outbox, clock).documents("DE01")).extracting(ErpDocument::reference)
                .containsExactly("NWDE-2026-000001", "NWDE-2026-000002");
    }

    @Test
    void aJournalLineCutShortByACrashIsSkippedAndTheNextLineStartsOnItsOwn() throws IOException {
        FileOutboxAdapter adapter = new FileOutboxAdapter(outbox, clock);
        adapter.send(invoice("NWDE-2026-000001", "119.00"));
        Files.writeString(outbox.resolve("journal.jsonl"), "{\"entity_id\":\"DE01\",\"refer", StandardOpenOption.APPEND);
        Files.writeString(outbox.resolve("journal.csv"), "2026-11-02T09:00:00Z,DE01,NWDE-20", StandardOpenOption.APPEND);

        FileOutboxAdapter restarted = new FileOutboxAdapter(outbox, clock);
        assertThat(restarted.documents("DE01")).hasSize(1);
        restarted.send(invoice("NWDE-2026-000002", "238.00"));

        assertThat(new FileOutboxAdapter(outbox, clock).documents("DE01")).extracting(ErpDocument::reference)
                .containsExactly("NWDE-2026-000001", "NWDE-2026-000002");
        assertThat(Files.readAllLines(outbox.resolve("journal.csv")).get(3)).startsWith("2026-11-02T09:00:00Z,DE01,NWDE-2026-000002,");
    }
}
