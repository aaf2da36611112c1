package org.billrun.assist.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.billrun.assist.evidence.EvidenceDocument.Passage;
import org.junit.jupiter.api.Test;

class HtmlTextTests {

    @Test
    void gmailsQuoteContainerIsQuotedWithItsAttributionLine() {
        String html = "<div dir=ltr><p>We accept M7.</p></div><div class=gmail_quote><div class=gmail_attr>On Mon, Keisha wrote:</div>"
                + "<blockquote><p>Please sign off M7.</p></blockquote></div>";

        assertThat(HtmlText.passages(html)).containsExactly(new Passage("We accept M7.", false),
                new Passage("On Mon, Keisha wrote:\n\nPlease sign off M7.", true));
    }

    @Test
    void everythingAfterOutlooksReplyMarkerIsQuoted() {
        String html = "<p>M8 is not yet accepted.</p><div id=divRplyFwdMsg><b>From:</b> Keisha</div>"
                + "<p>We accept M7 (older text below the marker).</p>";

        assertThat(HtmlText.passages(html)).extracting(Passage::quoted).containsExactly(false, true);
        assertThat(HtmlText.passages(html).get(1).text()).contains("We accept M7");
    }

    @Test
    void stylesAndScriptsAreNotText() {
        assertThat(HtmlText.passages("<html><head><style>p{x:1}</style></head><body><script>var a;</script><p>Signed off.</p></body></html>"))
                .containsExactly(new Passage("Signed off.", false));
    }
}
