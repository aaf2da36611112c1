package org.billrun.approval;

import java.util.Locale;

/** Where a review task stands (approval_task.state; the database checks the same values). */
public enum TaskState {
    /** Waiting for a person of its role. */
    OPEN,
    /** Approved by a person of its role. */
    DONE,
    /** Overdue and handed to the next role of the matrix: a new task replaces it. */
    ESCALATED,
    /** Its version was rejected or replaced before the task was done. */
    CANCELLED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskState of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
