package org.billrun.approval;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.billrun.approval.ApprovalQueries.Person;
import org.billrun.approval.ApprovalQueries.QueueRow;
import org.billrun.approval.ApprovalQueries.Task;
import org.billrun.approval.ApprovalQueries.Version;
import org.billrun.approval.port.ApprovedVersion;
import org.billrun.approval.port.FinalNumbering;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.billing.BillingModel;
import org.billrun.billing.InvoiceAdjustment;
import org.billrun.billing.Money;
import org.billrun.billing.PersonRole;
import org.billrun.billing.RouteCode;
import org.billrun.draft.DraftQueries;
import org.billrun.infra.RefusedException;
import org.billrun.policy.ApprovalFacts;
import org.billrun.policy.ApprovalMatrix;
import org.billrun.policy.ApprovalPolicy;
import org.billrun.policy.ApprovalStep;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The approval stage (docs/approval.md): people approve or reject the latest version of a draft, release
 * the drafts the matrix asks no approval of, and see what waits for whom. Each action is one transaction
 * that locks the version's row (two people acting at once on one draft cannot both win), checks the
 * controls ({@link Controls}; the database checks them again), records the action and an audit entry
 * with the amounts, and anchors the audit chain's head.
 */
@Service
public class ApprovalService {

    /** What an action left behind. */
    public record Outcome(String draftId, long runId, int versionNo, VersionState state, String actor, String message) {}

    /**
     * The queue: an open task of a live draft, whether it is overdue, and whether the person it waits for
     * (a project manager named by master data) is in the directory: if not, nobody can approve the step.
     */
    public record QueueEntry(QueueRow row, boolean overdue, boolean assigneeInDirectory) {}

    /** The roles that review invoices: they may reject and adjust (approving takes the task's role). */
    private static final Set<PersonRole> REVIEWERS = Set.of(PersonRole.PROJECT_MANAGER, PersonRole.FINANCE, PersonRole.FINANCE_CONTROLLER,
            PersonRole.ADMIN);

    private final ApprovalQueries queries;
    private final ReviewOpener opener;
    private final VersionLines lines;
    private final AuditLog audit;
    private final FinalNumbering numbering;
    private final TransactionTemplate tx;
    private final Clock clock;

    ApprovalService(ApprovalQueries queries, ReviewOpener opener, VersionLines lines, AuditLog audit, FinalNumbering numbering,
            PlatformTransactionManager transactions, Clock clock) {
        this.queries = queries;
        this.opener = opener;
        this.lines = lines;
        this.audit = audit;
        this.numbering = numbering;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Opens the reviews of drafts that have none yet (see {@link ReviewOpener}); returns how many. */
    public int openReviews() {
        return opener.openNew();
    }

    /** Gives the next approval the latest version of {@code draftId} needs. */
    public Outcome approve(String draftId, Acting who, String comment) {
        openReviews();
        Person person = resolve(who);
        return inTransaction(() -> {
            Version v = lockLatest(draftId);
            List<Task> tasks = queries.tasks(v.versionId());
            Task next = tasks.stream().filter(t -> t.state() == TaskState.OPEN).findFirst()
                    .orElseThrow(() -> new ActionRefusedException(draftId + " needs no approval by a person (straight through): "
                            + "billrun approve --straight-through releases it"));
            Set<String> preparers = new HashSet<>();
            queries.versions(v.runId(), v.draftId()).forEach(x -> preparers.add(x.preparedBy()));
            preparers.add(queries.runPreparer(v.runId()));
            Set<String> approved = new HashSet<>();
            queries.actions(v.versionId()).stream().filter(a -> a.action() == ApprovalActionType.APPROVED)
                    .forEach(a -> { approved.add(a.actor()); approved.add(a.actingUser()); });
            if (next.assignee() != null && queries.person(next.assignee()).isEmpty()) {
                throw new ActionRefusedException(draftId + " waits for its " + next.role().label() + " " + next.assignee()
                        + ", who is not in the directory (people.csv): add them, or let the task escalate");
            }
            Controls.refusal(new Controls.Request(person, who.user(), draftId, v.entityId(), v.currency(), v.gross(), next.role(),
                    next.assignee(), preparers, approved)).ifPresent(reason -> {
                        throw new ActionRefusedException(reason);
                    });
            queries.insertAction(v.versionId(), next.taskId(), ApprovalActionType.APPROVED, person.userId(), who.user(), next.role(),
                    next.rule(), v.gross(), v.gross(), null, comment);
            queries.taskDone(next.taskId(), person.userId());
            Optional<Task> after = tasks.stream().filter(t -> t.state() == TaskState.OPEN && t.taskId() != next.taskId()).findFirst();
            VersionState state = VersionState.IN_REVIEW;
            String number = null;
            if (after.isEmpty()) {
                queries.decide(v.versionId(), VersionState.APPROVED, person.userId());
                state = VersionState.APPROVED;
                number = numberAndQueue(v, who);
            } else {
                startClock(v, after.get());
            }
            String message = "%s version %d: step %d (%s, rule %s) approved by %s%s".formatted(draftId, v.versionNo(), next.stepNo(),
                    next.role().label(), next.rule(), who.describe(), state == VersionState.APPROVED ? "; approved as " + number
                            : "; next: " + after.get().role().label());
            record(AuditAction.APPROVED, v, who, message + amounts(v, v.gross()) + note(comment));
            return new Outcome(draftId, v.runId(), v.versionNo(), state, person.userId(), message);
        });
    }

    /** Rejecting or adjusting needs a reviewing role and the version's entity (approving checks more: {@link Controls}). */
    private static void requireReviewerFor(Person person, Version v) {
        if (!person.actsFor(v.entityId())) {
            throw new ActionRefusedException(person.userId() + " may not act for entity " + v.entityId() + " (" + v.draftId() + ")");
        }
        if (person.roles().stream().noneMatch(REVIEWERS::contains)) {
            throw new ActionRefusedException(person.userId() + " reviews no invoices (roles: " + person.roles() + ")");
        }
    }

    /** Sends the latest version of {@code draftId} back: the next run of its period drafts the contract again. */
    public Outcome reject(String draftId, Acting who, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RefusedException("a rejection needs a reason (--reason)");
        }
        openReviews();
        Person person = resolve(who);
        return inTransaction(() -> {
            Version v = lockLatest(draftId);
            requireReviewerFor(person, v);
            queries.insertAction(v.versionId(), null, ApprovalActionType.REJECTED, person.userId(), who.user(), null, null, v.gross(),
                    v.gross(), reason, null);
            queries.decide(v.versionId(), VersionState.REJECTED, person.userId());
            queries.cancelOpenTasks(v.versionId());
            String message = "%s version %d rejected by %s: %s; the next run of the period drafts it again".formatted(draftId,
                    v.versionNo(), who.describe(), reason);
            record(AuditAction.REJECTED, v, who, message + amounts(v, v.gross()));
            return new Outcome(draftId, v.runId(), v.versionNo(), VersionState.REJECTED, person.userId(), message);
        });
    }

    /**
     * Writes one line of the latest version of {@code draftId} down, up or off: a new version, whose lines, tax
     * and totals the adjustment arithmetic recomputes, replaces it and needs the approvals the matrix asks
     * for anew (at least one, by someone other than the adjuster, who prepared it). The records a
     * written-off line bills are written off, with the reason code, once the version is approved.
     */
    public Outcome adjust(String draftId, int lineNo, InvoiceAdjustment.Kind kind, BigDecimal amount, String reasonCode, String comment,
            Acting who) {
        if (reasonCode == null || !reasonCode.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new RefusedException("an adjustment needs a reason code (--reason CODE: letters, digits, _ . -), not '" + reasonCode + "'");
        }
        openReviews();
        Person person = resolve(who);
        return inTransaction(() -> {
            Version v = lockLatest(draftId);
            requireReviewerFor(person, v);
            DraftQueries.Detail draft = lines.draft(v);
            InvoiceAdjustment.Result result;
            try {
                result = InvoiceAdjustment.apply(lines.of(v, draft),
                        new InvoiceAdjustment.Request(lineNo, kind, amount == null ? null : Money.of(amount, v.currency())));
            } catch (InvoiceAdjustment.AdjustmentException e) {
                throw new RefusedException(draftId + ": " + e.getMessage());
            }
            InvoiceAdjustment.Version after = result.after();
            queries.insertAction(v.versionId(), null, ApprovalActionType.ADJUSTED, person.userId(), who.user(), null, null, v.gross(),
                    after.gross().amount(), reasonCode, comment);
            ApprovalPolicy policy = opener.policy(v.runId());
            Set<RouteCode> reasons = new HashSet<>();
            draft.reasons().forEach(r -> reasons.add(RouteCode.valueOf(r.code())));
            if (kind != InvoiceAdjustment.Kind.WRITE_UP) {
                reasons.add(RouteCode.WRITE_DOWN);
            }
            List<ApprovalStep> steps = policy.matrix().steps(new ApprovalFacts(v.entityId(), after.gross(),
                    BillingModel.parse(draft.billingModel()), reasons, false));
            if (steps.isEmpty()) {
                steps = List.of(new ApprovalStep(PersonRole.FINANCE, "adjusted"));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            long next = queries.insertVersion(v.runId(), v.draftId(), v.versionNo() + 1, v.entityId(), v.currency(), after.net().amount(),
                    after.tax().amount(), after.gross().amount(), v.writeDown(), false, person.userId(), now, reasonCode, comment);
            List<Integer> off = lines.writtenOff(v);
            queries.insertLines(next, after.lines().stream().map(l -> new ApprovalQueries.VersionLine(l.lineNo(), l.net().amount(),
                    l.tax().amount(), l.lineNo() == lineNo ? kind.label() : null, l.lineNo() == lineNo ? result.change().amount() : null,
                    off.contains(l.lineNo()) || (l.lineNo() == lineNo && kind == InvoiceAdjustment.Kind.WRITE_OFF))).toList());
            queries.decide(v.versionId(), VersionState.REPLACED, person.userId());
            queries.cancelOpenTasks(v.versionId());
            opener.openTasks(next, steps, draft.projectManagerId(), v.entityId(), now, policy);
            String message = "%s line %d %s%s (%s): version %d, net %s, tax %s, gross %s %s; by %s; waits for %s".formatted(draftId, lineNo,
                    kind.label().replace('_', '-'), amount == null ? "" : " " + amount.toPlainString(), reasonCode, v.versionNo() + 1,
                    after.net().amount().toPlainString(), after.tax().amount().toPlainString(), after.gross().amount().toPlainString(),
                    v.currency(), who.describe(), steps.get(0).role().label());
            record(AuditAction.ADJUSTED, v, who, message + amounts(v, after.gross().amount()) + note(comment));
            return new Outcome(draftId, v.runId(), v.versionNo() + 1, VersionState.IN_REVIEW, person.userId(), message);
        });
    }

    /**
     * Releases every live draft of {@code runId} (null: of every run) whose approval matrix asks no approval
     * by a person: approved by the policy, recorded with the rule that allowed it. A person of the finance or
     * admin role releases them; the controls of a person's approval do not apply, for no person approves.
     */
    public List<Outcome> approveStraightThrough(Long runId, Acting who) {
        openReviews();
        Person person = resolve(who);
        if (!person.holds(PersonRole.FINANCE) && !person.holds(PersonRole.ADMIN)) {
            throw new ActionRefusedException(person.userId() + " may not release drafts: that takes the finance or admin role");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Version candidate : queries.straightThrough(runId)) {
            outcomes.add(inTransaction(() -> {
                Version v = queries.lock(candidate.versionId());
                if (v.state() != VersionState.IN_REVIEW || !v.live()) {
                    return new Outcome(v.draftId(), v.runId(), v.versionNo(), v.state(), person.userId(), v.draftId() + " is " + v.state().label());
                }
                queries.insertAction(v.versionId(), null, ApprovalActionType.APPROVED_BY_POLICY, person.userId(), who.user(), null,
                        ApprovalMatrix.STRAIGHT_THROUGH, v.gross(), v.gross(), null, null);
                queries.decide(v.versionId(), VersionState.APPROVED, person.userId());
                String number = numberAndQueue(v, who);
                String message = "%s version %d approved by the policy (rule %s) as %s, released by %s".formatted(v.draftId(), v.versionNo(),
                        ApprovalMatrix.STRAIGHT_THROUGH, number, who.describe());
                record(AuditAction.APPROVED_BY_POLICY, v, who, message + amounts(v, v.gross()));
                return new Outcome(v.draftId(), v.runId(), v.versionNo(), VersionState.APPROVED, person.userId(), message);
            }));
        }
        return outcomes;
    }

    /**
     * What waits for whom: the next open task of every live draft in review. {@code mine}: only the tasks
     * {@code who} may act on; {@code overdue}: only tasks past their due time; {@code entityId}: one entity.
     */
    public List<QueueEntry> queue(Acting who, boolean mine, boolean overdue, String entityId) {
        openReviews();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Person person = mine ? resolve(who) : null;
        java.util.Map<String, Boolean> known = new java.util.HashMap<>();
        return queries.queue(overdue ? now.toInstant() : null, entityId).stream()
                .filter(r -> person == null || mayTake(person, r))
                .map(r -> new QueueEntry(r, r.task().dueAt() != null && r.task().dueAt().isBefore(now), r.task().assignee() == null
                        || known.computeIfAbsent(r.task().assignee(), a -> queries.person(a).isPresent())))
                .toList();
    }

    /** A version of a draft with its tasks and actions, for `review show --version`. */
    public record Review(Version version, List<Task> tasks, List<ApprovalQueries.Action> actions, List<ApprovalQueries.VersionLine> lines) {}

    public Review review(String draftId, int versionNo) {
        openReviews();
        Version v = queries.version(draftId, versionNo).orElseThrow(() -> new RefusedException(
                "draft " + draftId + " has no version " + versionNo + " (version 1 is the draft; each adjustment adds one)"));
        return new Review(v, queries.tasks(v.versionId()), queries.actions(v.versionId()), queries.lines(v.versionId()));
    }

    /** One line of two versions of a draft: description, and net and tax in each. */
    public record LineChange(int lineNo, String description, BigDecimal netA, BigDecimal netB, BigDecimal taxA, BigDecimal taxB) {
        public boolean changed() {
            return netA.compareTo(netB) != 0 || taxA.compareTo(taxB) != 0;
        }
    }

    /** Two versions of a draft side by side: totals and every line. */
    public record VersionDiff(Version a, Version b, List<LineChange> lines) {}

    /** Compares versions {@code a} and {@code b} of a draft (`review diff`). */
    public VersionDiff compare(String draftId, int a, int b) {
        openReviews();
        Version va = review(draftId, a).version();
        Version vb = review(draftId, b).version();
        if (va.runId() != vb.runId()) {
            throw new RefusedException("versions " + a + " and " + b + " of " + draftId + " belong to different runs' drafts");
        }
        DraftQueries.Detail draft = lines.draft(va);
        InvoiceAdjustment.Version la = lines.of(va, draft);
        InvoiceAdjustment.Version lb = lines.of(vb, draft);
        List<LineChange> changes = new ArrayList<>();
        for (DraftQueries.Line line : draft.lines()) {
            InvoiceAdjustment.Line x = la.line(line.lineNo());
            InvoiceAdjustment.Line y = lb.line(line.lineNo());
            changes.add(new LineChange(line.lineNo(), line.description(), x.net().amount(), y.net().amount(), x.tax().amount(),
                    y.tax().amount()));
        }
        return new VersionDiff(va, vb, changes);
    }

    /** The person of the directory who acts; --as only for an administrator. */
    public Person resolve(Acting who) {
        if (queries.people() == 0) {
            throw new ActionRefusedException("the directory is empty: load people.csv (docs/input-formats.md) before approving");
        }
        Person user = queries.person(who.user()).orElse(null);
        if (who.as() == null) {
            if (user == null) {
                throw new ActionRefusedException(who.user() + " is not in the directory (people.csv)");
            }
            return user;
        }
        if (user == null || !user.holds(PersonRole.ADMIN)) {
            throw new ActionRefusedException("--as is for a person with the admin role; " + who.user() + " is not one");
        }
        return queries.person(who.as()).orElseThrow(() -> new ActionRefusedException(who.as() + " is not in the directory (people.csv)"));
    }

    private boolean mayTake(Person person, QueueRow r) {
        Task t = r.task();
        return person.holds(t.role()) && person.actsFor(r.entityId()) && (t.assignee() == null || t.assignee().equals(person.userId()));
    }

    /** Starts the clock of the task that comes next: it is due its role's hours from now. */
    private void startClock(Version v, Task next) {
        OffsetDateTime due = DueTime.of(opener.policy(v.runId()), next.role(), v.entityId(), OffsetDateTime.now(clock));
        queries.setDue(next.taskId(), due);
    }

    private Version lockLatest(String draftId) {
        Version latest = queries.latest(draftId).orElseThrow(() -> new RefusedException("no draft " + draftId + " (billrun review list)"));
        Version v = queries.lock(latest.versionId());
        Version newest = queries.latest(draftId).orElseThrow();
        if (newest.versionId() != v.versionId()) {
            throw new ActionRefusedException(draftId + " version " + v.versionNo() + " is not the latest (version " + newest.versionNo() + ")");
        }
        if (!v.live()) {
            throw new ActionRefusedException(draftId + " of run " + v.runId() + " was superseded by a later run of its period");
        }
        if (v.state() != VersionState.IN_REVIEW) {
            throw new ActionRefusedException(draftId + " version " + v.versionNo() + " is " + v.state().label() + ", not in review");
        }
        return v;
    }

    /** The approved version's final number and pending posting row, in the approval's transaction (docs/posting.md). */
    private String numberAndQueue(Version v, Acting who) {
        return numbering.assign(new ApprovedVersion(v.versionId(), v.runId(), v.draftId(), v.versionNo(), v.entityId(), v.currency(),
                v.net(), v.tax(), v.gross()), who.describe());
    }

    private void record(AuditAction action, Version v, Acting who, String detail) {
        audit.append(List.of(new AuditLog.Entry(who.describe(), action, "invoice_version", v.versionId(), v.runId(), detail)));
        audit.anchorHead(who.user());
    }

    private static String amounts(Version v, BigDecimal after) {
        return "; gross %s %s before, %s %s after".formatted(v.gross().toPlainString(), v.currency(), after.toPlainString(), v.currency());
    }

    private static String note(String comment) {
        return comment == null || comment.isBlank() ? "" : "; comment: " + comment;
    }

    /** Runs one action in a transaction; a refusal by the database's controls becomes an {@link ActionRefusedException}. */
    private <T> T inTransaction(Supplier<T> action) {
        try {
            return tx.execute(status -> action.get());
        } catch (DataAccessException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            int at = message.indexOf("approval refused: ");
            if (at >= 0) {
                String reason = message.substring(at + "approval refused: ".length());
                int end = reason.indexOf('\n');
                throw new ActionRefusedException(end < 0 ? reason : reason.substring(0, end));
            }
            throw e;
        }
    }
}
