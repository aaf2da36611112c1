package org.billrun.assist.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ways a document names a milestone: its id (M-CASCADE-07), a short form built from the number
 * the id ends in (M7, M07, MS 7, milestone 7, milestone #7, Meilenstein 7, jalon 7, mijlpaal 7), or
 * its description up to the first comma or bracket ("Validation protocols", "Detailed solution
 * design"). Short forms and descriptions are shared by other contracts' milestones, so they count
 * only in a document that belongs to the contract.
 */
final class MilestoneNames {

    enum How {
        /** the milestone's id */
        ID("named by its id"),
        /** a short form of the id or the description */
        SHORT("named as %s"),
        /** the sentence names no milestone, but the e-mail's subject names this one alone */
        SUBJECT("named only in the e-mail's subject");

        final String why;

        How(String why) {
            this.why = why;
        }
    }

    /** Where and how a milestone was named in a clause. */
    record Named(MilestoneRef milestone, How how, String as) {

        String why() {
            return how.why.formatted(as);
        }
    }

    private final MilestoneRef milestone;
    private final Pattern id;
    private final Pattern shortForm;
    private final String description;
    private final String descriptionHead;

    MilestoneNames(MilestoneRef milestone) {
        this.milestone = milestone;
        this.id = Pattern.compile("\\b" + Pattern.quote(milestone.milestoneId()) + "\\b", Pattern.CASE_INSENSITIVE);
        Matcher number = Pattern.compile("(\\d+)$").matcher(milestone.milestoneId());
        this.shortForm = number.find()
                ? Pattern.compile("\\b(?:m|ms|milestone|meilenstein|jalon|mijlpaal|hito)\\s*[-#]?\\s*0*" + Integer.parseInt(number.group(1))
                        + "\\b(?!-)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                : null;
        String d = milestone.description() == null ? "" : milestone.description().strip().toLowerCase(Locale.ROOT);
        this.description = d;
        String head = d.split("[,(]")[0].strip();
        this.descriptionHead = head.split("\\s+").length >= 2 ? head : null;
    }

    MilestoneRef milestone() {
        return milestone;
    }

    /** How the clause names this milestone, if it does; short forms only when the document belongs to the contract. */
    Optional<Named> in(String clause, boolean documentOfContract) {
        if (id.matcher(clause).find()) {
            return Optional.of(new Named(milestone, How.ID, milestone.milestoneId()));
        }
        if (!documentOfContract) {
            return Optional.empty();
        }
        if (shortForm != null) {
            Matcher m = shortForm.matcher(clause);
            if (m.find()) {
                return Optional.of(new Named(milestone, How.SHORT, "\"" + m.group() + "\""));
            }
        }
        String lower = clause.toLowerCase(Locale.ROOT);
        if (descriptionHead != null && lower.contains(descriptionHead)) {
            return Optional.of(new Named(milestone, How.SHORT, "its description \"" + descriptionHead + "\""));
        }
        return Optional.empty();
    }

    /** The clause without this milestone's names, so words of a description ("... approved") are not read as acceptance. */
    String withoutNames(String clause) {
        String out = id.matcher(clause).replaceAll(" ");
        if (shortForm != null) {
            out = shortForm.matcher(out).replaceAll(" ");
        }
        for (String phrase : new String[] {description, descriptionHead}) {
            if (phrase != null && !phrase.isEmpty()) {
                out = Pattern.compile(Pattern.quote(phrase), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(out).replaceAll(" ");
            }
        }
        return out;
    }

    static List<MilestoneNames> of(List<MilestoneRef> milestones) {
        List<MilestoneNames> names = new ArrayList<>();
        milestones.forEach(m -> names.add(new MilestoneNames(m)));
        return names;
    }
}
