package org.billrun.posting;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.billrun.posting.port.OutgoingInvoice;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A stand-in for the final documents in the posting tests, in test code only, until the real
 * FinalInvoiceAssembly (org.billrun.posting.document, built beside this) is merged: the posting row's figures and
 * the draft's client, with placeholder bytes for the UBL and the PDF. The posting tests check the way to the ERP,
 * not the documents. Component scanning picks it up in every Spring test context; the packaged jar never has it.
 * Primary, so that the posting tests keep using it after the merge; delete it once they may use the real one.
 */
@Primary
@Component
class TestFinalInvoiceAssembly implements FinalInvoiceAssembly {

    private final JdbcClient jdbc;

    TestFinalInvoiceAssembly(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OutgoingInvoice assemble(long versionId, String finalNumber, LocalDate issueDate, String batchReference) {
        return jdbc.sql("""
                SELECT p.entity_id, p.version_no, p.draft_id, p.currency, p.net, p.tax, p.gross, d.client_id
                FROM posting p JOIN draft_invoice d ON d.run_id = p.run_id AND d.draft_id = p.draft_id WHERE p.version_id = ?""")
                .param(versionId)
                .query((rs, i) -> new OutgoingInvoice(OutgoingInvoice.idempotencyKey(rs.getString(1), finalNumber, rs.getInt(2)),
                        rs.getString(1), finalNumber, versionId, rs.getInt(2), rs.getString(3), batchReference, OutgoingInvoice.Kind.INVOICE,
                        null, issueDate, issueDate.plusDays(30), rs.getString(4),
                        new OutgoingInvoice.Customer(rs.getString(8), null, null, null, null), List.of(), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), ("<Invoice>" + finalNumber + "</Invoice>").getBytes(StandardCharsets.UTF_8),
                        ("%PDF " + finalNumber).getBytes(StandardCharsets.UTF_8)))
                .single();
    }
}
