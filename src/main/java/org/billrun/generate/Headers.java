package org.billrun.generate;

import java.util.Arrays;
import java.util.List;
import org.billrun.ingest.ColumnSpec;
import org.billrun.ingest.SourceKind;

/**
 * The files the generator writes and their header lines, taken from the ingest's own file specs so
 * that generated firms always load.
 */
final class Headers {

    static final String ENTITIES = SourceKind.ENTITIES.fileName();
    static final String CLIENTS = SourceKind.CLIENTS.fileName();
    static final String CONTRACTS = SourceKind.CONTRACTS.fileName();
    static final String PROJECTS = SourceKind.PROJECTS.fileName();
    static final String TASKS = SourceKind.TASKS.fileName();
    static final String CONSULTANTS = SourceKind.CONSULTANTS.fileName();
    static final String RATE_CARDS = SourceKind.RATE_CARDS.fileName();
    static final String MILESTONES = SourceKind.MILESTONES.fileName();
    static final String TAX_RULES = SourceKind.TAX_RULES.fileName();
    static final String FX_RATES = SourceKind.FX_RATES.fileName();
    static final String EXPENSE_POLICIES = SourceKind.EXPENSE_POLICIES.fileName();
    static final String BILLING_HISTORY = SourceKind.BILLING_HISTORY.fileName();
    static final String PEOPLE = SourceKind.PEOPLE.fileName();
    static final String APPROVAL_LIMITS = SourceKind.APPROVAL_LIMITS.fileName();
    static final String TIME_ENTRIES = SourceKind.TIME_ENTRIES.fileName();
    static final String EXPENSES = SourceKind.EXPENSES.fileName();

    static final List<String> FILES = Arrays.stream(SourceKind.values()).map(SourceKind::fileName).toList();

    private Headers() {}

    /** The column names of a file, in the order the writers emit their values. */
    static String[] of(String file) {
        return SourceKind.fromFileName(file).columns().stream().map(ColumnSpec::name).toArray(String[]::new);
    }
}
