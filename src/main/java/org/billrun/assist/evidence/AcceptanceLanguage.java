package org.billrun.assist.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a clause says about acceptance, judged from word lists in English, German, French and Dutch
 * (docs/assistance.md lists them). The checks run in a fixed order, and the first that matches
 * decides: a question; contract terms ("is accepted when", "deemed accepted"); a rejection; a request
 * to accept; not yet (a negation, "pending", "under review", "will review", "once"); an acceptance,
 * strong ("accept", "signed off", "abgenommen") or weak ("approved", "confirmed", "freigegeben");
 * else a plain mention. So "M2 is not yet accepted" is not an acceptance, and neither is "please
 * sign off M8".
 */
final class AcceptanceLanguage {

    /**
     * The verdict on a clause, with the words that decided it; {@code cueAt} is where the first of
     * them starts in the clause as judged (-1 when none), so a date next to it can be found.
     */
    record Verdict(MentionKind kind, boolean strong, boolean firstPerson, List<String> cues, int cueAt) {}

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;

    private static final Pattern TERMS = Pattern.compile("\\b(shall|deemed|acceptance criteri\\w*|(is|are|will be) accepted (when|once|if|upon|after)"
            + "|gilt als abgenommen|réputée? acceptée?)\\b", FLAGS);
    private static final Pattern REJECTS = Pattern.compile("\\b(reject\\w*|declin\\w*|return\\w* (it |them )?for rework|not acceptable"
            + "|cannot (accept|approve)|can't (accept|approve)|(do|does|will) not (accept|approve)|(don't|won't) (accept|approve)"
            + "|abgelehnt|lehnen \\w+ ab|refus\\w*|rejet\\w*|afgewezen|wijzen \\w+ af)\\b", FLAGS);
    private static final Pattern REQUESTS = Pattern.compile("\\b(please (accept|sign|approve|confirm)|for your (approval|acceptance|sign-?off|signature)"
            + "|kindly (accept|sign|approve|confirm)|request(ing)? (your )?(acceptance|approval|sign-?off)|bitte \\w+ (abnehmen|freigeben)"
            + "|merci de (valider|signer|accepter)|graag (akkoord|goedkeuring))\\b", FLAGS);
    private static final Pattern NOT_YET = Pattern.compile("\\b(not|\\w+n't|no longer|never|pending|awaiting|await|under review|in review|still (open|reviewing)"
            + "|open points|outstanding|once|as soon as|subject to|until|will (review|accept|sign|approve|check|look)|going to|plan to|intend to"
            + "|next week|later|nicht|noch nicht|kein\\w*|pas|ne|niet|nog niet|geen|werden \\w+ prüfen|allons)\\b", FLAGS);
    private static final Pattern NO_OBJECTION = Pattern.compile("\\b(no (further )?objections?|keine einwände|pas d'objection|geen bezwaar)\\b", FLAGS);
    private static final Pattern STRONG = Pattern.compile("\\b(accept(s|ed|ing)?|hereby accept\\w*|sign(ed|s)?[ -]?off|signed|abgenommen|nehmen \\w+ ab"
            + "|abnahme (erteilt|bestätigt)|accepté\\w*|acceptons|geaccepteerd|aanvaard\\w*|akkoord)\\b", FLAGS);
    private static final Pattern WEAK = Pattern.compile("\\b(approv\\w*|acceptance|confirm\\w*|looks good|happy with|fine with|freigegeben|freigabe"
            + "|validé\\w*|validons|goedgekeurd|goedkeuring)\\b", FLAGS);
    private static final Pattern FIRST_PERSON = Pattern.compile("\\b(we|i|wir|ich|nous|je|wij|ik|hereby|hiermit|formally|formell)\\b", FLAGS);

    private AcceptanceLanguage() {}

    /** Judges a clause (with the milestone's own names taken out); {@code sentenceAsks} when its sentence ends with "?". */
    static Verdict judge(String clause, boolean sentenceAsks) {
        String text = clause.toLowerCase(Locale.ROOT).replace('’', '\'');
        boolean firstPerson = FIRST_PERSON.matcher(text).find();
        if (sentenceAsks || text.strip().endsWith("?")) {
            return new Verdict(MentionKind.QUESTION, false, firstPerson, List.of("a question"), -1);
        }
        for (var check : List.of(new Check(TERMS, MentionKind.TERMS), new Check(REJECTS, MentionKind.REJECTS),
                new Check(REQUESTS, MentionKind.REQUESTS))) {
            List<String> cues = cues(check.pattern(), text);
            if (!cues.isEmpty()) {
                return new Verdict(check.kind(), false, firstPerson, cues, at(check.pattern(), text));
            }
        }
        List<String> positive = cues(NO_OBJECTION, text);
        String rest = NO_OBJECTION.matcher(text).replaceAll(" ");
        List<String> negative = cues(NOT_YET, rest);
        if (!negative.isEmpty()) {
            return new Verdict(MentionKind.NOT_YET, false, firstPerson, negative, at(NOT_YET, rest));
        }
        List<String> strong = cues(STRONG, rest);
        if (!strong.isEmpty()) {
            return new Verdict(MentionKind.ACCEPTS, true, firstPerson, strong, at(STRONG, rest));
        }
        int at = positive.isEmpty() ? at(WEAK, rest) : at(NO_OBJECTION, text);
        positive = new ArrayList<>(positive);
        positive.addAll(cues(WEAK, rest));
        if (!positive.isEmpty()) {
            return new Verdict(MentionKind.ACCEPTS, false, firstPerson, positive, at);
        }
        return new Verdict(MentionKind.MENTION, false, firstPerson, List.of(), -1);
    }

    private record Check(Pattern pattern, MentionKind kind) {}

    private static int at(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.start() : -1;
    }

    private static List<String> cues(Pattern pattern, String text) {
        List<String> cues = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (!cues.contains(m.group())) {
                cues.add(m.group());
            }
        }
        return cues;
    }
}
