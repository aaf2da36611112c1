package org.billrun.posting;

import org.billrun.approval.port.ApprovedVersion;
import org.billrun.approval.port.FinalNumbering;
import org.springframework.stereotype.Component;

/** Approval's port to numbering: the final number and the pending posting row, in the approval's transaction. */
@Component
class PostingNumbering implements FinalNumbering {

    private final PostingQueries postings;

    PostingNumbering(PostingQueries postings) {
        this.postings = postings;
    }

    @Override
    public String assign(ApprovedVersion version, String actor) {
        return postings.enqueue(version, actor).finalNumber();
    }
}
