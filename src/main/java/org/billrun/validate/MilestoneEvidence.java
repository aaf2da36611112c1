package org.billrun.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.billrun.assist.evidence.MentionKind;

/**
 * One sentence of an evidence document about a milestone, as stored (milestone_evidence, V42): what it
 * says, the sentence, the file, the date it speaks for, the finder's confidence and reasons, and where it
 * stands; for a proposal, who decided it, when and why.
 */
public record MilestoneEvidence(long id, String milestoneId, String contractId, MentionKind kind, String file, String fileSha256,
        String quote, LocalDate date, String dateSource, String sender, BigDecimal confidence, String why, EvidenceState state,
        long foundByRun, long lastSeenRun, OffsetDateTime foundAt, String decidedBy, OffsetDateTime decidedAt, String comment) {

    /** How commands and messages name it: E-12. */
    public String ref() {
        return "E-" + id;
    }

    public String kindLabel() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The sentence cut to {@code max} characters, for one-line messages. */
    public String shortQuote(int max) {
        String q = quote.replaceAll("\\s+", " ").strip();
        return q.length() <= max ? q : q.substring(0, max - 1).stripTrailing() + "…";
    }
}
