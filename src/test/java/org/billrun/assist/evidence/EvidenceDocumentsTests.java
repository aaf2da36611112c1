package org.billrun.assist.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceDocumentsTests {

    @Test
    void theSampleFolderReadsCompletelyInFileNameOrder() throws IOException {
        EvidenceDocuments.Read read = EvidenceDocuments.readFolder(NorthwindEvidence.FOLDER);

        assertThat(read.problems()).isEmpty();
        assertThat(read.documents()).extracting(EvidenceDocument::file).containsExactly("2026-10-20-cascade-m07-rejected.eml",
                "2026-10-22-vandam-m07-accepted.eml", "2026-10-27-cascade-m07-accepted.eml", "2026-10-30-cascade-m08-not-yet-accepted.eml",
                "2026-10-30-northwind-fwd-cascade-m07.eml", "2026-11-02-vandam-m08-question.eml", "K-VANDAM-1-statement-of-work.txt");
    }

    @Test
    void filesThatCannotBeReadAreListedWithTheReasonAndTheRestIsRead(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("ok.txt"), "Date: 2026-10-22\nWe accept M-VANDAM-07.\n");
        Files.write(folder.resolve("latin1.txt"), new byte[] {'G', 'r', (byte) 0xF6, 0x0A});
        Files.write(folder.resolve("scan.pdf"), new byte[] {'%', 'P', 'D', 'F'});
        Files.writeString(folder.resolve("broken.eml"), "From: a@b.example\nContent-Type: multipart/mixed\n\nx\n");

        EvidenceDocuments.Read read = EvidenceDocuments.readFolder(folder);

        assertThat(read.documents()).extracting(EvidenceDocument::file).containsExactly("ok.txt");
        assertThat(read.documents().get(0).date()).isEqualTo(LocalDate.of(2026, 10, 22));
        assertThat(read.problems()).containsExactly("broken.eml: not a readable e-mail (Missing start boundary)",
                "latin1.txt: not UTF-8 text (save the document as UTF-8)",
                "scan.pdf: not read (only .eml e-mails and .txt documents are)");
    }
}
