package org.billrun.assist.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.billrun.assist.evidence.EvidenceDocument.Passage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sentences, clauses, dates and quoted text: the units the finder reads. */
class TextUnitsTests {

    @Test
    void runOnLinesJoinWhileTableRowsAndGreetingsStayApart() {
        String text = "We accept the design\nfor both flows. Thanks!\nM-VANDAM-06  High-level design  EUR 45,000.00\n"
                + "M-VANDAM-07  Detailed design  EUR 45,000.00\n\nRegards,\nJeroen";

        assertThat(Sentences.of(text)).containsExactly("We accept the design for both flows.", "Thanks!",
                "M-VANDAM-06  High-level design  EUR 45,000.00", "M-VANDAM-07  Detailed design  EUR 45,000.00", "Regards,", "Jeroen");
    }

    @Test
    void clausesSplitAtSemicolonsColonsAndContrasts() {
        assertThat(Sentences.clauses("We accept M7, but M8 is still under review; details: see annex at 5:02 PM"))
                .containsExactly("We accept M7", "but M8 is still under review", "details", "see annex at 5:02 PM");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            signed off on 2026-10-27                 | 2026-10-27
            am 22.10.2026 abgenommen                 | 2026-10-22
            accepté le 22/10/2026                    | 2026-10-22
            accepted on 27 October 2026              | 2026-10-27
            accepted on October 27, 2026             | 2026-10-27
            am 27. Oktober 2026 abgenommen           | 2026-10-27
            accepté le 27 octobre                    | 2026-10-27
            accepted on 31 September 2026            |
            no date here                             |
            """)
    void findsTheDatesClientsWrite(String text, LocalDate expected) {
        assertThat(DateFinder.find(text, 2026)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void aDateWithoutItsYearNeedsTheDocumentsYear() {
        assertThat(DateFinder.find("accepted on 27 October", null)).isEmpty();
    }

    @Test
    void quotedLinesAndEverythingAfterAReplyHeaderAreQuotedAndTheSignatureIsDropped() {
        String text = """
                M8 is not accepted yet.
                > Please sign off M8.
                Still open.

                Am 29.10.2026 um 18:10 schrieb Keisha Washington <k@northwind.example>:
                Wir haben M7 abgenommen.
                """;

        assertThat(QuotedText.split(text)).containsExactly(new Passage("M8 is not accepted yet.", false),
                new Passage("Please sign off M8.", true), new Passage("Still open.", false),
                new Passage("Am 29.10.2026 um 18:10 schrieb Keisha Washington <k@northwind.example>:\nWir haben M7 abgenommen.", true));
        assertThat(QuotedText.split("We accept M7.\n-- \nLinda\nVP Quality, signed off by legal"))
                .containsExactly(new Passage("We accept M7.", false));
    }

    @Test
    void anOutlookReplyBlockStartsTheQuotedText() {
        String text = "Not yet.\n\nFrom: Linda Park <linda.park@cascadebio.example>\nSent: Tuesday, October 27, 2026 9:15 AM\n"
                + "Subject: M7\nWe accept M7.";

        assertThat(QuotedText.split(text)).extracting(Passage::quoted).containsExactly(false, true);
    }
}
