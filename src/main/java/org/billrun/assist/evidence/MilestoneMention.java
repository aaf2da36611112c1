package org.billrun.assist.evidence;

import java.time.LocalDate;
import java.util.List;

/**
 * One sentence of a document that concerns a milestone: what it says ({@code kind}), the sentence as
 * written, the file, the date it speaks for (and where that date came from), the sender, and for an
 * acceptance a confidence (0..1) with the reasons for it. A person confirms or discards it.
 */
public record MilestoneMention(String milestoneId, MentionKind kind, String quote, String file, LocalDate date, String dateSource,
        String from, double confidence, List<String> why) {

    public MilestoneMention {
        why = List.copyOf(why);
    }
}
