package org.billrun.assist.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.billrun.assist.evidence.EvidenceDocument.Passage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The text of an HTML e-mail part, line by line as a reader sees it, with the quoted parts marked:
 * &lt;blockquote&gt; and the quote containers of common mail programs (Gmail's gmail_quote,
 * Thunderbird's moz-cite-prefix, Outlook's divRplyFwdMsg and everything after it). What is left
 * unquoted still goes through {@link QuotedText} for "On ... wrote:" lines written as plain text.
 */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "hr", "ul", "ol");
    private static final Set<String> QUOTE_CLASSES = Set.of("gmail_quote", "gmail_attr", "moz-cite-prefix", "yahoo_quoted");

    private HtmlText() {}

    static List<Passage> passages(String html) {
        Document document = Jsoup.parse(html);
        document.select("style, script, head").remove();
        Lines lines = new Lines();
        document.body().traverse(lines);
        lines.flush();
        List<Passage> passages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (Passage line : lines.lines) {
            if (line.quoted() != quoted && !current.isEmpty()) {
                add(passages, current.toString(), quoted);
                current.setLength(0);
            }
            quoted = line.quoted();
            current.append(line.text()).append('\n');
        }
        add(passages, current.toString(), quoted);
        return passages;
    }

    private static void add(List<Passage> passages, String text, boolean quoted) {
        if (text.isBlank()) {
            return;
        }
        if (quoted) {
            passages.add(new Passage(text.strip(), true));
        } else {
            passages.addAll(QuotedText.split(text));
        }
    }

    private static boolean startsQuote(Element e) {
        return e.normalName().equals("blockquote") || e.classNames().stream().anyMatch(QUOTE_CLASSES::contains)
                || e.id().equals("divRplyFwdMsg") || e.id().equals("appendonsend");
    }

    /** Collects lines; a quote container quotes what it holds, and an Outlook reply marker everything after it. */
    private static final class Lines implements NodeVisitor {

        final List<Passage> lines = new ArrayList<>();
        private final StringBuilder line = new StringBuilder();
        private int quoteDepth;
        private boolean restQuoted;
        private boolean lineQuoted;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                String t = text.text();
                if (!t.isBlank()) {
                    boolean quoted = restQuoted || quoteDepth > 0;
                    if (quoted != lineQuoted && !line.toString().isBlank()) {
                        flush();
                    }
                    lineQuoted = quoted;
                    line.append(t);
                }
            } else if (node instanceof Element e) {
                if (BLOCKS.contains(e.normalName())) {
                    flush();
                }
                if (startsQuote(e)) {
                    flush();
                    quoteDepth++;
                    restQuoted |= e.id().equals("divRplyFwdMsg") || e.id().equals("appendonsend");
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                if (BLOCKS.contains(e.normalName())) {
                    flush();
                }
                if (startsQuote(e)) {
                    flush();
                    quoteDepth--;
                }
            }
        }

        void flush() {
            String text = line.toString().replaceAll("[ \\t\\u00a0]+", " ").strip();
            if (!text.isEmpty()) {
                lines.add(new Passage(text, lineQuoted));
            } else if (!lines.isEmpty() && !lines.get(lines.size() - 1).text().isEmpty()) {
                lines.add(new Passage("", lineQuoted));
            }
            line.setLength(0);
        }
    }
}
