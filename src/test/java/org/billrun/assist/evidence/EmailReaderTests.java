package org.billrun.assist.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.billrun.assist.evidence.EvidenceDocument.Passage;
import org.junit.jupiter.api.Test;

class EmailReaderTests {

    private static EvidenceDocument read(String eml) throws IOException {
        return EvidenceDocuments.email("test.eml", new ByteArrayInputStream(eml.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static final String HEADERS = """
            From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <j.mueller@bauer-maschinenbau.example>
            To: matthias.koehler@northwind.example
            Date: Thu, 22 Oct 2026 23:30:00 -0700 (PDT)
            Subject: =?windows-1252?q?Abnahme_Meilenstein_3_=96_Gr=F6=DFe?=
            Message-ID: <abc@bauer-maschinenbau.example>
            MIME-Version: 1.0
            """;

    @Test
    void readsSenderSubjectAndTheDateWhereTheSenderWas() throws IOException {
        EvidenceDocument d = read(HEADERS + "Content-Type: text/plain; charset=us-ascii\n\nWe accept M3.\n");

        assertThat(d.from()).isEqualTo("j.mueller@bauer-maschinenbau.example");
        assertThat(d.fromName()).isEqualTo("Jürgen Müller");
        assertThat(d.subject()).isEqualTo("Abnahme Meilenstein 3 \u2013 Größe");
        assertThat(d.messageId()).isEqualTo("<abc@bauer-maschinenbau.example>");
        assertThat(d.date()).as("23:30 in California is still the 22nd there").isEqualTo(LocalDate.of(2026, 10, 22));
        assertThat(d.passages()).containsExactly(new Passage("We accept M3.", false));
    }

    @Test
    void decodesQuotedPrintableInTheCharsetThePartNames() throws IOException {
        EvidenceDocument d = read(HEADERS + """
                Content-Type: text/plain; charset=windows-1252
                Content-Transfer-Encoding: quoted-printable

                Wir haben den Meilenstein 3 abgenommen, Geb=FChr =80 12.000,00 =96 bitte fakt=
                urieren.
                """);

        assertThat(d.passages().get(0).text()).isEqualTo("Wir haben den Meilenstein 3 abgenommen, Gebühr € 12.000,00 – bitte fakturieren.");
    }

    @Test
    void readsTheHtmlOfAnHtmlOnlyBase64MessageAndMarksItsBlockquoteAsQuoted() throws IOException {
        String html = "<p>We accept <b>M3</b>.</p><blockquote><p>Please sign off M3.</p></blockquote>";
        String base64 = java.util.Base64.getMimeEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
        EvidenceDocument d = read(HEADERS + "Content-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + base64 + "\n");

        assertThat(d.passages()).containsExactly(new Passage("We accept M3.", false), new Passage("Please sign off M3.", true));
    }

    @Test
    void prefersThePlainAlternativeAndSkipsAttachmentsButReadsAForwardedMessageAsQuoted() throws IOException {
        EvidenceDocument d = read(HEADERS + """
                Content-Type: multipart/mixed; boundary="outer"

                --outer
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=utf-8

                See the forwarded acceptance.
                --alt
                Content-Type: text/html; charset=utf-8

                <p>See the <i>forwarded</i> acceptance (HTML).</p>
                --alt--
                --outer
                Content-Type: text/plain; name="notes.txt"
                Content-Disposition: attachment; filename="notes.txt"

                We accept M9 (an attachment: not read).
                --outer
                Content-Type: message/rfc822

                From: someone@bauer-maschinenbau.example
                Subject: M3
                Content-Type: text/plain

                We accept M3.
                --outer--
                """);

        assertThat(d.passages()).containsExactly(new Passage("See the forwarded acceptance.", false), new Passage("We accept M3.", true));
    }

    @Test
    void aCharsetJavaDoesNotKnowIsReadAsWindows1252() throws IOException {
        EvidenceDocument d = read(HEADERS + "Content-Type: text/plain; charset=x-unknown-8bit\n\nAbgenommen: Meilenstein 3, Gr\u00f6\u00dfe ok.\n");

        assertThat(d.passages().get(0).text()).isEqualTo("Abgenommen: Meilenstein 3, Größe ok.");
    }

    @Test
    void aMultipartWithoutItsBoundaryIsRefusedNamingTheFile() {
        String broken = HEADERS + "Content-Type: multipart/mixed\n\nWe accept M3.\n";

        assertThatThrownBy(() -> read(broken)).isInstanceOf(IOException.class).hasMessageStartingWith("test.eml: not a readable e-mail");
    }
}
