package org.billrun.credit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A credit memo as the credit stage shows it: what it credits, its lines, totals (positive amounts given
 * back), state, its approvals and, once approved, its number in the entity's credit series.
 *
 * @param reference {@code CR-<id>} until it is numbered; its final number after (commands take either)
 */
public record CreditMemo(long creditId, String reference, String finalNumber, LocalDate issueDate, String invoiceNumber, long runId,
        String draftId, String entityId, String clientId, String currency, BigDecimal net, BigDecimal tax, BigDecimal gross,
        CreditReason reason, String comment, boolean rebill, CreditState state, String requestedBy, OffsetDateTime requestedAt,
        String decidedBy, String decisionReason, List<Line> lines, List<Task> tasks) {

    public CreditMemo {
        lines = List.copyOf(lines);
        tasks = List.copyOf(tasks);
    }

    /** {@code CR-<id>}: how a credit is named before it has a number. */
    public static String reference(long creditId) {
        return "CR-" + creditId;
    }

    /** One line credited: the original line's number and description, the quantity credited, net and tax given back. */
    public record Line(int lineNo, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal net, BigDecimal tax,
            String taxRuleId, String taxCategory, BigDecimal taxRate, boolean closesLine, List<String> recordKeys) {

        public Line {
            recordKeys = List.copyOf(recordKeys);
        }
    }

    /** One approval the credit needs: role, the policy rule asking for it, and who gave it. */
    public record Task(long taskId, int stepNo, String role, String rule, CreditTaskState state, String doneBy, String actingUser,
            OffsetDateTime doneAt, String comment) {}

    /** The role of the next approval it waits for, or null. */
    public Task next() {
        return tasks.stream().filter(t -> t.state() == CreditTaskState.OPEN).findFirst().orElse(null);
    }
}
