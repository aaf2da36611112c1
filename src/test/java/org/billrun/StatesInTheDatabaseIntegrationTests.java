package org.billrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.billrun.approval.ApprovalActionType;
import org.billrun.approval.TaskState;
import org.billrun.approval.VersionState;
import org.billrun.assist.reason.DisputeReason;
import org.billrun.assist.evidence.MentionKind;
import org.billrun.audit.AuditAction;
import org.billrun.validate.EvidenceState;
import org.billrun.billing.DraftStatus;
import org.billrun.billing.ExceptionStatus;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.billing.OwnerRole;
import org.billrun.billing.PersonRole;
import org.billrun.billing.RouteCode;
import org.billrun.draft.InvoiceDraft;
import org.billrun.credit.CreditReason;
import org.billrun.credit.CreditState;
import org.billrun.credit.CreditTaskState;
import org.billrun.delivery.DeliveryChannel;
import org.billrun.delivery.DeliveryStatus;
import org.billrun.disputes.port.DisputeState;
import org.billrun.events.DeliveryState;
import org.billrun.events.EventType;
import org.billrun.events.inbound.InboundExceptionStatus;
import org.billrun.events.inbound.InboundKind;
import org.billrun.events.inbound.InboundRule;
import org.billrun.events.inbound.PaymentState;
import org.billrun.posting.BatchState;
import org.billrun.posting.LedgerStatus;
import org.billrun.posting.PostingState;
import org.billrun.support.BillrunIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every state billrun stores is a Java enum whose values the database checks: each constraint allows
 * exactly the enum's values, so a state added on one side only fails here, not in production.
 */
@BillrunIntegrationTest
class StatesInTheDatabaseIntegrationTests {

    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Autowired
    JdbcClient jdbc;

    static Stream<Arguments> states() {
        return Stream.of(
                state("draft_invoice_status_check", DraftStatus.values(), DraftStatus::label),
                state("draft_invoice_route_check", InvoiceDraft.Route.values(), InvoiceDraft.Route::label),
                state("validation_exception_status_check", ExceptionStatus.values(), ExceptionStatus::label),
                state("validation_exception_owner_role_check", OwnerRole.values(), OwnerRole::label),
                state("draft_route_reason_code_check", RouteCode.values(), RouteCode::name),
                state("draft_route_reason_reviewer_role_check", OwnerRole.values(), OwnerRole::label),
                state("audit_log_action_check", AuditAction.values(), AuditAction::label),
                state("invoice_version_state_check", VersionState.values(), VersionState::label),
                state("approval_task_state_check", TaskState.values(), TaskState::label),
                state("approval_task_role_check", PersonRole.values(), PersonRole::label),
                state("approval_action_action_check", ApprovalActionType.values(), ApprovalActionType::label),
                state("invoice_version_line_adjustment_check", InvoiceAdjustment.Kind.values(), InvoiceAdjustment.Kind::label),
                state("posting_state_check", PostingState.values(), PostingState::label),
                state("posting_batch_state_check", BatchState.values(), BatchState::label),
                state("posting_ledger_status_check", LedgerStatus.values(), LedgerStatus::label),
                state("event_outbox_type_check", EventType.values(), EventType::label),
                state("event_delivery_state_check", DeliveryState.values(), DeliveryState::label),
                state("delivery_status_check", DeliveryStatus.values(), DeliveryStatus::label),
                state("delivery_channel_check", DeliveryChannel.values(), DeliveryChannel::label),
                state("dispute_state_check", DisputeState.values(), DisputeState::label),
                state("dispute_suggested_reason_check", DisputeReason.values(), DisputeReason::code),
                state("dispute_reason_check", DisputeReason.values(), DisputeReason::code),
                state("credit_memo_state_check", CreditState.values(), CreditState::label),
                state("credit_memo_reason_check", CreditReason.values(), CreditReason::label),
                state("credit_task_state_check", CreditTaskState.values(), CreditTaskState::label),
                state("credit_task_role_check", PersonRole.values(), PersonRole::label),
                state("payment_state_check", PaymentState.values(), PaymentState::label),
                state("inbound_exception_kind_check", InboundKind.values(), InboundKind::label),
                state("inbound_exception_rule_code_check", InboundRule.values(), InboundRule::label),
                state("inbound_exception_status_check", InboundExceptionStatus.values(), InboundExceptionStatus::label),
                state("milestone_evidence_kind_check", MentionKind.values(), k -> k.name().toLowerCase(java.util.Locale.ROOT)),
                state("milestone_evidence_state_check", EvidenceState.values(), EvidenceState::label));
    }

    private static <E extends Enum<E>> Arguments state(String constraint, E[] values, Function<E, String> stored) {
        return Arguments.of(constraint, values[0].getDeclaringClass().getSimpleName(), Arrays.stream(values).map(stored).toList());
    }

    @ParameterizedTest(name = "{0} allows exactly the values of {1}")
    @MethodSource("states")
    void theDatabaseAllowsExactlyTheEnumsValues(String constraint, String enumName, List<String> values) {
        String definition = jdbc.sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?").param(constraint)
                .query(String.class).single();
        Matcher quoted = QUOTED.matcher(definition);
        List<String> allowed = quoted.results().map(m -> m.group(1)).toList();

        assertThat(allowed).as("%s against %s", definition, enumName).containsExactlyInAnyOrderElementsOf(values);
    }
}
