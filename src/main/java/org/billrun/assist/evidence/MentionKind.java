package org.billrun.assist.evidence;

/** What a sentence of a document says about a milestone (docs/assistance.md, "Milestone acceptance evidence"). */
public enum MentionKind {
    /** accepts it, signs it off or approves it: proposed as evidence */
    ACCEPTS,
    /** rejects it or returns it for rework */
    REJECTS,
    /** says it is not accepted yet, pending, under review, or to be reviewed or accepted later */
    NOT_YET,
    /** asks the client to accept or sign it off */
    REQUESTS,
    /** asks a question about it */
    QUESTION,
    /** contract terms about how it will be accepted (a statement of work), not an acceptance */
    TERMS,
    /** names it without saying anything about its acceptance */
    MENTION,
    /** older text quoted in a reply or forwarded: never new evidence, whatever it says */
    QUOTED;
}
