package org.billrun.validate;

import java.util.Locale;

/** Where a sentence found about a milestone stands (milestone_evidence.state; the database checks the same values). */
public enum EvidenceState {
    /** An acceptance found by a run: proposed as evidence, for a person to confirm or reject. */
    PROPOSED,
    /** A person confirmed it: the milestone's acceptance evidence (milestone.evidence-required lets it bill). */
    CONFIRMED,
    /** A person rejected it as evidence (the comment says why). */
    REJECTED,
    /** Not an acceptance (not yet accepted, rejected by the client, a question, terms, quoted text): shown for context, never confirmed. */
    NOTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EvidenceState of(String label) {
        return valueOf(label.strip().toUpperCase(Locale.ROOT));
    }
}
