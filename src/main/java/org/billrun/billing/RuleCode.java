package org.billrun.billing;

import static org.billrun.billing.OwnerRole.CONSULTANT;
import static org.billrun.billing.OwnerRole.FINANCE;
import static org.billrun.billing.OwnerRole.PROJECT_MANAGER;
import static org.billrun.billing.Severity.BLOCK;
import static org.billrun.billing.Severity.WARN;

/**
 * The rule catalog: every check billrun makes, with its stable code, what it means, its default
 * severity and the role that owns its exceptions. The README's rule table is this enum (a test
 * holds them together). A firm can change a rule's severity or switch it off in its policy file.
 *
 * <p>{@link #billableOnly} rules concern billing and are not applied to non-billable records
 * (internal time, firm-cost expenses); the others check that a record makes sense at all.
 */
public enum RuleCode {
    TIME_UNKNOWN_PROJECT("The time entry's project is not in projects.csv.", BLOCK, CONSULTANT, false,
            "Rebook the time to an existing project in the PSA."),
    TIME_UNKNOWN_TASK("The time entry's task is not in tasks.csv, or belongs to another project.", BLOCK, PROJECT_MANAGER, true,
            "Rebook the time to a task of its project."),
    TIME_PROJECT_CLOSED("Billable time on a project that is closed.", BLOCK, PROJECT_MANAGER, true,
            "Reopen the project, or move the time to an open project."),
    TIME_TASK_CLOSED("Billable time on a task that is closed.", BLOCK, PROJECT_MANAGER, true,
            "Reopen the task, or move the time to an open task."),
    TIME_UNKNOWN_CONSULTANT("The time entry's consultant is not in consultants.csv.", BLOCK, FINANCE, false,
            "Add the consultant to the HR export, or correct the entry's consultant id."),
    TIME_OUTSIDE_PERIOD("The time entry is dated outside the billing period.", BLOCK, CONSULTANT, false,
            "Correct the work date, or export the entry with its own period."),
    TIME_AFTER_CUTOFF("Billable time submitted after the period's billing cutoff.", BLOCK, PROJECT_MANAGER, true,
            "Waive to bill it this period, or leave it for the next period."),
    TIME_UNAPPROVED("Billable time that is not approved (draft or submitted).", BLOCK, PROJECT_MANAGER, true,
            "Approve or reject the entry in the PSA."),
    TIME_REJECTED("Billable time that its approver rejected.", BLOCK, CONSULTANT, true,
            "Correct and resubmit the entry, or delete it in the PSA."),
    TIME_HOURS_NOT_POSITIVE("Hours of zero or less.", BLOCK, CONSULTANT, false,
            "Correct the hours, or delete the entry."),
    TIME_DAILY_HOURS_EXCEEDED("A consultant's hours for one day exceed the policy's maximum.", BLOCK, CONSULTANT, false,
            "Correct the day's entries; waive if the hours were really worked."),
    RATE_MISSING("No hourly rate for the consultant's role in the contract's currency on that date.", BLOCK, FINANCE, true,
            "Add a rate card row (firm, client, contract or consultant level)."),
    CONTRACT_NOT_IN_FORCE("Billable work dated outside its contract's start and end dates.", BLOCK, FINANCE, true,
            "Extend the contract, or move the work to the contract in force."),
    PROJECT_CLIENT_MISMATCH("The project's contract is unknown or belongs to another client than the project claims.", BLOCK, FINANCE, true,
            "Correct the project's contract or client in the PSA."),
    EXPENSE_UNKNOWN_PROJECT("The expense's project is not in projects.csv.", BLOCK, CONSULTANT, false,
            "Rebook the expense to an existing project."),
    EXPENSE_PROJECT_CLOSED("Rebillable expense on a project that is closed.", BLOCK, PROJECT_MANAGER, true,
            "Reopen the project, or move the expense to an open project."),
    EXPENSE_UNKNOWN_CONSULTANT("The expense's consultant is not in consultants.csv.", BLOCK, FINANCE, false,
            "Add the consultant to the HR export, or correct the expense's consultant id."),
    EXPENSE_OUTSIDE_PERIOD("The expense is dated outside the billing period.", BLOCK, CONSULTANT, false,
            "Correct the date, or export the expense with its own period."),
    EXPENSE_UNKNOWN_CATEGORY("The expense's category has no policy in expense_policies.csv.", BLOCK, FINANCE, true,
            "Add the category to the expense policies, or recategorise the expense."),
    EXPENSE_AFTER_CUTOFF("Rebillable expense submitted after the period's billing cutoff.", BLOCK, PROJECT_MANAGER, true,
            "Waive to bill it this period, or leave it for the next period."),
    EXPENSE_UNAPPROVED("Rebillable expense that is not approved (draft or submitted).", BLOCK, PROJECT_MANAGER, true,
            "Approve or reject the expense in the expense tool."),
    EXPENSE_REJECTED("Rebillable expense that its approver rejected.", BLOCK, CONSULTANT, true,
            "Correct and resubmit the expense, or delete it."),
    EXPENSE_OVER_LIMIT("The expense is above its category's limit per line.", BLOCK, PROJECT_MANAGER, true,
            "Waive to rebill it in full, or correct the amount."),
    EXPENSE_MISSING_RECEIPT("No receipt although the amount is above the category's receipt threshold.", BLOCK, CONSULTANT, true,
            "Attach the receipt in the expense tool."),
    EXPENSE_DUPLICATE("The same consultant, date, amount, currency and merchant as an earlier expense line.", BLOCK, CONSULTANT, true,
            "Delete the duplicate line; waive if both were really spent."),
    EXPENSE_NEAR_DUPLICATE("An expense close to another one of the same consultant: similar amount, nearby date, similar merchant.", WARN, PROJECT_MANAGER, true,
            "Check that both expenses are real before the invoice goes out."),
    FX_RATE_MISSING("No exchange rate from the expense's currency to the contract's currency for its date.", BLOCK, FINANCE, true,
            "Add the rate to fx_rates.csv."),
    MILESTONE_NO_EVIDENCE("A milestone marked billable that is not accepted with an acceptance reference.", BLOCK, FINANCE, true,
            "Record the client's acceptance (signed acceptance, e-mail id), or unmark the milestone."),
    CONTRACT_CAP_MISSING("A not-to-exceed contract without a cap amount.", BLOCK, FINANCE, true,
            "Add the cap to the contract."),
    CAP_EXCEEDED("A not-to-exceed contract's billing would pass its cap: the excess is held for a write-down decision.", BLOCK, PROJECT_MANAGER, true,
            "Decide the write-down, or agree a change order that raises the cap."),
    BILLING_SPIKE("A contract's billing this period is far above its own history (median and MAD of the trailing months).", WARN, FINANCE, true,
            "Check the period's work with the project manager before the invoice goes out."),
    HOURS_ABOVE_NORM("A consultant's billable hours this period are far above their own history and their standard hours.", WARN, PROJECT_MANAGER, true,
            "Check the consultant's time with them before the invoice goes out.");

    private final String description;
    private final Severity defaultSeverity;
    private final OwnerRole ownerRole;
    private final boolean billableOnly;
    private final String action;

    RuleCode(String description, Severity defaultSeverity, OwnerRole ownerRole, boolean billableOnly, String action) {
        this.description = description;
        this.defaultSeverity = defaultSeverity;
        this.ownerRole = ownerRole;
        this.billableOnly = billableOnly;
        this.action = action;
    }

    /**
     * Whether the rule guards the price of a record (its rate or its FX rate): such an exception cannot
     * be waived and the rule cannot be downgraded or switched off, because the draft would have nothing
     * to price the record with.
     */
    public boolean pricesTheRecord() {
        return this == RATE_MISSING || this == FX_RATE_MISSING;
    }

    public String description() {
        return description;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public OwnerRole ownerRole() {
        return ownerRole;
    }

    public boolean billableOnly() {
        return billableOnly;
    }

    /** What the owner does about it: printed with the exception. */
    public String action() {
        return action;
    }
}
