package org.billrun.assist.evidence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.billrun.assist.evidence.EvidenceDocument.Passage;
import org.billrun.assist.evidence.MilestoneNames.How;
import org.billrun.assist.evidence.MilestoneNames.Named;

/**
 * Finds what a contract's documents say about its milestones (docs/assistance.md, "Milestone
 * acceptance evidence"): every sentence that names a milestone, judged clause by clause, and for an
 * acceptance a confidence built from documented parts:
 * <ul>
 * <li>the acceptance words: strong ("accept", "signed off") {@value #STRONG}, weak ("approved") {@value #WEAK};</li>
 * <li>how the milestone is named: its id +{@value #BY_ID}, a short form or its description +{@value #BY_SHORT_FORM},
 * only the subject +{@value #BY_SUBJECT};</li>
 * <li>who says it: an e-mail from the client's domain +{@value #FROM_CLIENT}, from anyone else
 * -{@value #NOT_FROM_CLIENT} (a report of an acceptance, not the acceptance);</li>
 * <li>the author speaking for themselves ("we", "hereby") +{@value #FIRST_PERSON}; a date in the sentence +{@value #DATED}.</li>
 * </ul>
 * Quoted and forwarded text is reported as {@link MentionKind#QUOTED} and never proposed.
 */
public final class EvidenceFinder {

    static final double STRONG = 0.55;
    static final double WEAK = 0.40;
    static final double BY_ID = 0.20;
    static final double BY_SHORT_FORM = 0.15;
    static final double BY_SUBJECT = 0.05;
    static final double FROM_CLIENT = 0.15;
    static final double NOT_FROM_CLIENT = 0.15;
    static final double FIRST_PERSON = 0.05;
    static final double DATED = 0.05;
    static final double MAX_CONFIDENCE = 0.95;
    static final int DATE_BEFORE = 20;
    static final int DATE_AFTER = 45;

    private EvidenceFinder() {}

    /** Every mention of the contract's milestones in the documents, in document and sentence order. */
    public static List<MilestoneMention> find(ContractContext contract, List<MilestoneRef> milestones, List<EvidenceDocument> documents) {
        List<MilestoneNames> names = MilestoneNames.of(milestones);
        List<MilestoneMention> mentions = new ArrayList<>();
        for (EvidenceDocument document : documents) {
            boolean ofContract = contract.namedIn(document.allText()) || contract.fromClient(document.from());
            List<Named> inSubject = document.subject() == null ? List.of() : named(names, document.subject(), ofContract);
            for (Passage passage : document.passages()) {
                for (String sentence : Sentences.of(passage.text())) {
                    read(document, passage.quoted(), sentence, names, ofContract, inSubject, contract, mentions);
                }
            }
        }
        return strongestAcceptancePerFile(mentions);
    }

    /** The proposed evidence for one milestone: its acceptances, most convincing first. */
    public static List<MilestoneMention> proposals(List<MilestoneMention> mentions, String milestoneId) {
        return mentions.stream().filter(m -> m.milestoneId().equals(milestoneId) && m.kind() == MentionKind.ACCEPTS)
                .sorted(Comparator.comparingDouble(MilestoneMention::confidence).reversed().thenComparing(MilestoneMention::file))
                .toList();
    }

    private static void read(EvidenceDocument document, boolean quoted, String sentence, List<MilestoneNames> names, boolean ofContract,
            List<Named> inSubject, ContractContext contract, List<MilestoneMention> mentions) {
        boolean asks = sentence.strip().endsWith("?");
        // one mention per milestone and sentence: the clause that names it decides, a clause that goes on about it only when that one says nothing
        Map<String, MilestoneMention> bySentence = new LinkedHashMap<>();
        List<Named> previous = List.of();
        for (String clause : Sentences.clauses(sentence)) {
            List<Named> named = named(names, clause, ofContract);
            boolean inherited = named.isEmpty();
            if (inherited) {
                // "M8 is not yet accepted: we will review it next week": the clause goes on about the milestone before it
                named = previous;
            }
            if (quoted) {
                for (Named n : named) {
                    bySentence.putIfAbsent(n.milestone().milestoneId(), mention(n, MentionKind.QUOTED, sentence, document, null, null, 0,
                            List.of("older text quoted or forwarded in this message: not new evidence")));
                }
                previous = named;
                continue;
            }
            String text = clause;
            for (Named n : named) {
                text = names.stream().filter(x -> x.milestone().equals(n.milestone())).findFirst().orElseThrow().withoutNames(text);
            }
            AcceptanceLanguage.Verdict verdict = AcceptanceLanguage.judge(text, asks);
            if (named.isEmpty() && inSubject.size() == 1 && (verdict.kind() == MentionKind.ACCEPTS || verdict.kind() == MentionKind.REJECTS
                    || verdict.kind() == MentionKind.NOT_YET)) {
                Named subject = inSubject.get(0);
                named = List.of(new Named(subject.milestone(), How.SUBJECT, subject.as()));
                inherited = false;
            }
            for (Named n : named) {
                MilestoneMention m = judged(n, verdict, text, sentence, document, contract);
                MilestoneMention before = bySentence.get(n.milestone().milestoneId());
                if (before == null || !inherited && before.kind() == MentionKind.MENTION
                        || inherited && before.kind() == MentionKind.MENTION && m.kind() != MentionKind.ACCEPTS) {
                    bySentence.put(n.milestone().milestoneId(), before == null ? m : withKindOf(m, before));
                }
            }
            previous = named;
        }
        mentions.addAll(bySentence.values());
    }

    /** The later clause's verdict, kept with the way the earlier clause named the milestone. */
    private static MilestoneMention withKindOf(MilestoneMention later, MilestoneMention naming) {
        List<String> why = new ArrayList<>(later.why());
        why.removeIf(w -> w.startsWith("named ") || w.startsWith("dated "));
        naming.why().stream().filter(w -> w.startsWith("named ")).forEach(why::add);
        later.why().stream().filter(w -> w.startsWith("dated ")).forEach(why::add);
        return new MilestoneMention(later.milestoneId(), later.kind(), later.quote(), later.file(), later.date(), later.dateSource(),
                later.from(), later.confidence(), why);
    }

    /** {@code clause} is the clause as judged (the milestone's names taken out). */
    private static MilestoneMention judged(Named named, AcceptanceLanguage.Verdict verdict, String clause, String sentence,
            EvidenceDocument document, ContractContext contract) {
        List<String> why = new ArrayList<>();
        why.add(switch (verdict.kind()) {
            case ACCEPTS -> (verdict.strong() ? "acceptance words " : "approval words ") + quoteAll(verdict.cues());
            case REJECTS -> "rejection words " + quoteAll(verdict.cues());
            case NOT_YET -> "not accepted yet: " + quoteAll(verdict.cues());
            case REQUESTS -> "asks for acceptance: " + quoteAll(verdict.cues());
            case QUESTION -> "a question, not a statement";
            case TERMS -> "contract terms on acceptance: " + quoteAll(verdict.cues());
            default -> "no acceptance words";
        });
        why.add(named.why());
        Integer year = document.date() == null ? null : document.date().getYear();
        Optional<LocalDate> inSentence = verdict.kind() == MentionKind.ACCEPTS ? dateNextTo(clause, verdict.cueAt(), year) : Optional.empty();
        LocalDate date = inSentence.orElse(document.date());
        String dateSource = inSentence.isPresent() ? "the sentence"
                : document.date() == null ? null : document.kind() == EvidenceDocument.Kind.EMAIL ? "the e-mail's Date header" : "the document's Date line";
        double confidence = 0;
        if (verdict.kind() == MentionKind.ACCEPTS) {
            confidence = verdict.strong() ? STRONG : WEAK;
            confidence += switch (named.how()) {
                case ID -> BY_ID;
                case SHORT -> BY_SHORT_FORM;
                case SUBJECT -> BY_SUBJECT;
            };
            if (document.kind() == EvidenceDocument.Kind.EMAIL && contract.fromClient(document.from())) {
                confidence += FROM_CLIENT;
                why.add("sent from the client's domain (" + document.from() + ")");
            } else if (document.kind() == EvidenceDocument.Kind.EMAIL) {
                confidence -= NOT_FROM_CLIENT;
                why.add("sent by " + document.from() + ", not from the client's domain: a report of an acceptance, check the client's own message");
            } else {
                why.add("a document, not a message: check who signed it");
            }
            if (verdict.firstPerson()) {
                confidence += FIRST_PERSON;
                why.add("the author speaks for themselves");
            }
            if (inSentence.isPresent()) {
                confidence += DATED;
            }
            confidence = Math.max(0.05, Math.min(MAX_CONFIDENCE, Math.round(confidence * 100) / 100.0));
        }
        if (date != null) {
            why.add("dated " + date + " by " + dateSource);
        }
        return mention(named, verdict.kind(), sentence, document, date, dateSource, confidence, why);
    }

    /**
     * A date written next to the acceptance words ("signed off on 27 October", "am 22.10.2026
     * abgenommen"): from {@value #DATE_BEFORE} characters before them to {@value #DATE_AFTER} after.
     * A date further away is usually another event ("after our meeting on 21 October, we accept").
     */
    private static Optional<LocalDate> dateNextTo(String clause, int cueAt, Integer year) {
        if (cueAt < 0) {
            return Optional.empty();
        }
        String window = clause.substring(Math.max(0, cueAt - DATE_BEFORE), Math.min(clause.length(), cueAt + DATE_AFTER));
        return DateFinder.find(window, year);
    }

    private static MilestoneMention mention(Named named, MentionKind kind, String sentence, EvidenceDocument document, LocalDate date,
            String dateSource, double confidence, List<String> why) {
        return new MilestoneMention(named.milestone().milestoneId(), kind, sentence, document.file(), date, dateSource, document.from(),
                confidence, why);
    }

    private static List<Named> named(List<MilestoneNames> names, String text, boolean ofContract) {
        List<Named> named = new ArrayList<>();
        for (MilestoneNames n : names) {
            n.in(text, ofContract).ifPresent(named::add);
        }
        return named;
    }

    /** Several acceptance sentences of one file for one milestone are one piece of evidence: the strongest is kept. */
    private static List<MilestoneMention> strongestAcceptancePerFile(List<MilestoneMention> mentions) {
        Map<String, MilestoneMention> best = new LinkedHashMap<>();
        for (MilestoneMention m : mentions) {
            if (m.kind() == MentionKind.ACCEPTS) {
                best.merge(m.milestoneId() + "\u0000" + m.file(), m, (a, b) -> b.confidence() > a.confidence() ? b : a);
            }
        }
        List<MilestoneMention> kept = new ArrayList<>();
        for (MilestoneMention m : mentions) {
            if (m.kind() != MentionKind.ACCEPTS || best.get(m.milestoneId() + "\u0000" + m.file()) == m) {
                kept.add(m);
            }
        }
        return kept;
    }

    private static String quoteAll(List<String> cues) {
        return String.join(", ", cues.stream().map(c -> "\"" + c.toLowerCase(Locale.ROOT) + "\"").toList());
    }
}
