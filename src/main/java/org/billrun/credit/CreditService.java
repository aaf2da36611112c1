package org.billrun.credit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.billrun.approval.ApprovalQueries;
import org.billrun.approval.ApprovalQueries.Person;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.billing.Money;
import org.billrun.billing.PersonRole;
import org.billrun.credit.CreditArithmetic.Ask;
import org.billrun.credit.CreditArithmetic.CreditException;
import org.billrun.credit.CreditArithmetic.Mode;
import org.billrun.draft.DraftQueries;
import org.billrun.infra.RefusedException;
import org.billrun.policy.ApprovalStep;
import org.billrun.policy.CreditPolicy;
import org.billrun.policy.PolicyFile;
import org.billrun.posting.PostingQueries;
import org.billrun.validate.ValidationQueries;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credit memos (docs/credits.md): finance asks for a full or partial credit of a final invoice
 * ({@link #issue}); the credit mirrors the invoice ({@link CreditArithmetic}), is approved through the
 * policy's credit matrix ({@link CreditPolicy}: finance, and above a limit the finance controller, never
 * the person who asked), and at its last approval gets its number in the entity's credit series
 * ({@code PREFIX-CN-YYYY-NNNNNN}, gapless: taken in the approval's transaction). Each action is one
 * transaction with an audit entry; the database checks the same controls (V25__credit_memos.sql).
 */
@Service
public class CreditService {

    /** The roles that may ask for, approve and refuse credits (approving takes the task's role). */
    private static final Set<PersonRole> ISSUERS = Set.of(PersonRole.FINANCE, PersonRole.FINANCE_CONTROLLER, PersonRole.ADMIN);

    private final CreditQueries queries;
    private final CreditedInvoices invoices;
    private final ApprovalQueries directory;
    private final ValidationQueries validation;
    private final PostingQueries postings;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    CreditService(CreditQueries queries, CreditedInvoices invoices, ApprovalQueries directory, ValidationQueries validation, PostingQueries postings,
            AuditLog audit, PlatformTransactionManager transactions, Clock clock) {
        this.postings = postings;
        this.queries = queries;
        this.invoices = invoices;
        this.directory = directory;
        this.validation = validation;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Asks for a credit memo: its lines and totals are worked out, stored in review with the approvals the
     * policy asks for, and audited. A line with nothing left to credit, a quantity or amount beyond what is
     * left of it, is refused ({@link RefusedException}); a person without a finance role or outside the
     * invoice's entity is refused ({@link CreditRefusedException}).
     */
    public CreditMemo issue(CreditRequest request) {
        Person person = resolve(request.actor());
        return inTransaction(() -> {
            queries.lockInvoice(request.invoiceNumber());
            CreditedInvoices.Invoice invoice = invoices.of(request.invoiceNumber());
            var posted = invoice.posted();
            requireIssuer(person, posted.entityId(), request.invoiceNumber());
            List<Ask> asks = request.lines().stream().map(l -> l.quantity() != null ? new Ask(l.lineNo(), Mode.QUANTITY, l.quantity())
                    : l.amount() != null ? new Ask(l.lineNo(), Mode.AMOUNT, l.amount()) : Ask.whole(l.lineNo())).toList();
            CreditArithmetic.Result result;
            try {
                result = CreditArithmetic.credit(posted.currency(), invoice.lines(), queries.credited(posted.postingId(), posted.currency()), asks);
            } catch (CreditException e) {
                throw new RefusedException(request.invoiceNumber() + ": " + e.getMessage());
            }
            if (request.rebill()) {
                requireRebillable(request.invoiceNumber(), invoice.draft().billingModel(), result);
            }
            long id = queries.insert(new CreditQueries.NewCredit(request.invoiceNumber(), posted.postingId(), posted.versionId(), posted.runId(),
                    posted.draftId(), posted.versionNo(), posted.entityId(), invoice.draft().client().id(), posted.currency(),
                    result.net().amount(), result.tax().amount(), result.gross().amount(), request.reason(), blankToNull(request.comment()),
                    request.rebill(), person.userId(), request.actor().user()));
            for (CreditArithmetic.CreditLine l : result.lines()) {
                DraftQueries.Line original = invoice.draftLines().get(l.lineNo());
                queries.insertLine(id, new CreditMemo.Line(l.lineNo(), original.description(), l.quantity(), original.unitPrice(),
                        l.net().amount(), l.tax().amount(), original.taxRuleId(), original.taxCategory(), original.taxRate(), l.closesLine(),
                        List.of()));
                original.sources().forEach(s -> queries.insertSource(id, l.lineNo(), s.kind(), s.key()));
            }
            List<ApprovalStep> steps = policy(posted.runId()).steps(result.gross());
            for (int i = 0; i < steps.size(); i++) {
                queries.insertTask(id, i + 1, steps.get(i).role().label(), steps.get(i).rule());
            }
            String message = "%s: credit of %s (%s), %s, net %s, tax %s, gross %s %s%s; asked by %s; waits for %s".formatted(
                    CreditMemo.reference(id), request.invoiceNumber(), lineList(result), request.reason().label(),
                    plain(result.net()), plain(result.tax()), plain(result.gross()), posted.currency(), request.rebill() ? ", rebill" : "",
                    request.actor().describe(), String.join(" then ", steps.stream().map(s -> s.role().label()).toList()));
            record(AuditAction.CREDIT_REQUESTED, id, posted.runId(), request.actor(), message + note(request.comment()));
            return queries.find(id).orElseThrow();
        });
    }

    /**
     * Gives the next approval a credit in review needs; the last one approves it and gives it its number in
     * the entity's credit series for the year of the approval.
     */
    public CreditMemo approve(String reference, CreditActor who, String comment) {
        Person person = resolve(who);
        return inTransaction(() -> {
            CreditMemo c = lockInReview(reference);
            CreditMemo.Task next = c.next();
            if (next == null) {
                throw new CreditRefusedException(c.reference() + " has no approval left to give");
            }
            PersonRole role = PersonRole.parse(next.role());
            if (c.requestedBy().equals(person.userId()) || c.requestedBy().equals(who.user())) {
                throw new CreditRefusedException(person.userId() + " asked for " + c.reference() + " and may not approve it");
            }
            if (c.tasks().stream().anyMatch(t -> t.state() == CreditTaskState.DONE && (person.userId().equals(t.doneBy())
                    || who.user().equals(t.actingUser())))) {
                throw new CreditRefusedException(person.userId() + " already approved " + c.reference() + "; another person must give the next approval");
            }
            if (!person.holds(role)) {
                throw new CreditRefusedException(c.reference() + " waits for a " + role.label() + "; " + person.userId() + " does not hold that role");
            }
            if (!person.actsFor(c.entityId())) {
                throw new CreditRefusedException(person.userId() + " may not act for entity " + c.entityId() + " (" + c.reference() + ")");
            }
            BigDecimal limit = person.limits().get(c.currency());
            if (limit == null || limit.compareTo(c.gross()) < 0) {
                throw new CreditRefusedException(c.reference() + " gross " + c.gross().toPlainString() + " " + c.currency()
                        + " is above the approval limit of " + person.userId() + " (" + (limit == null ? "none" : limit.toPlainString()) + " "
                        + c.currency() + ")");
            }
            queries.taskDone(next.taskId(), person.userId(), who.user(), blankToNull(comment));
            boolean last = c.tasks().stream().filter(t -> t.state() == CreditTaskState.OPEN).count() == 1;
            String message;
            if (last) {
                LocalDate issueDate = LocalDate.now(clock);
                int year = issueDate.getYear();
                long seq = queries.nextNumber(c.entityId(), year);
                String number = creditNumber(queries.invoicePrefix(c.entityId()), year, seq);
                queries.approve(c.creditId(), person.userId(), year, seq, number, issueDate);
                CreditedInvoices.Invoice invoice = invoices.of(c.invoiceNumber());
                postings.enqueueCredit(new PostingQueries.CreditPosting(c.creditId(), c.runId(), c.draftId(), invoice.posted().versionNo(),
                        c.entityId(), year, seq, number, issueDate, c.currency(), c.net(), c.tax(), c.gross()), who.describe());
                message = "%s: step %d (%s, rule %s) approved by %s; approved as %s, issued %s, crediting %s gross %s %s; pending posting".formatted(
                        c.reference(), next.stepNo(), role.label(), next.rule(), who.describe(), number, issueDate, c.invoiceNumber(),
                        c.gross().toPlainString(), c.currency());
            } else {
                CreditMemo.Task after = c.tasks().stream().filter(t -> t.state() == CreditTaskState.OPEN && t.taskId() != next.taskId())
                        .findFirst().orElseThrow();
                message = "%s: step %d (%s, rule %s) approved by %s; next: %s".formatted(c.reference(), next.stepNo(), role.label(), next.rule(),
                        who.describe(), PersonRole.parse(after.role()).label());
            }
            record(AuditAction.CREDIT_APPROVED, c.creditId(), c.runId(), who, message + note(comment));
            return queries.find(c.creditId()).orElseThrow();
        });
    }

    /** Refuses a credit in review, with a reason: it gives nothing back and its lines count as uncredited again. */
    public CreditMemo reject(String reference, CreditActor who, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RefusedException("refusing a credit needs a reason (--reason)");
        }
        Person person = resolve(who);
        return inTransaction(() -> {
            CreditMemo c = lockInReview(reference);
            requireIssuer(person, c.entityId(), c.reference());
            queries.cancelOpenTasks(c.creditId());
            queries.reject(c.creditId(), person.userId(), reason);
            record(AuditAction.CREDIT_REJECTED, c.creditId(), c.runId(), who, "%s: credit of %s gross %s %s refused by %s: %s".formatted(
                    c.reference(), c.invoiceNumber(), c.gross().toPlainString(), c.currency(), who.describe(), reason));
            return queries.find(c.creditId()).orElseThrow();
        });
    }

    /** One credit, by {@code CR-n} or its final number. */
    public CreditMemo find(String reference) {
        return queries.idOf(reference).flatMap(queries::find)
                .orElseThrow(() -> new RefusedException("no credit memo " + reference + " (billrun credits)"));
    }

    /** The credits, newest first, of one invoice and/or in one state (null: all). */
    public List<CreditMemo> list(String invoiceNumber, CreditState state) {
        return queries.list(invoiceNumber, state);
    }

    /**
     * A credit's number: the entity's invoice prefix, {@code CN}, the year of its approval and its place in
     * the entity's credit series for that year, from 1 without gaps ({@code NWDE-CN-2026-000001}); the
     * invoice numbers' rule (docs/posting.md), in a series of its own.
     */
    static String creditNumber(String invoicePrefix, int year, long seq) {
        return String.format(java.util.Locale.ROOT, "%s-CN-%04d-%06d", invoicePrefix, year, seq);
    }

    /**
     * A rebill reopens whole records (docs/credits.md, "Rebills"): each line the credit gives back must be given back
     * to the end (what was left of it), else its records stay billed on it and a rebill would bill them twice. The
     * records of a retainer or a not-to-exceed contract are not rebilled: their balance or cap is the period's.
     */
    static void requireRebillable(String invoiceNumber, String billingModel, CreditArithmetic.Result result) {
        if ("retainer".equals(billingModel) || "not_to_exceed".equals(billingModel)) {
            throw new RefusedException(invoiceNumber + ": --rebill is not for a " + billingModel.replace('_', '-')
                    + " contract (its balance or cap is the period's); credit it without --rebill");
        }
        List<Integer> partial = result.lines().stream().filter(l -> !l.closesLine()).map(CreditArithmetic.CreditLine::lineNo).toList();
        if (!partial.isEmpty()) {
            boolean one = partial.size() == 1;
            throw new RefusedException(invoiceNumber + ": --rebill reopens whole records, but line" + (one ? " " : "s ")
                    + partial.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + (one ? " is credited in part and keeps billing its records" : " are credited in part and keep billing their records")
                    + "; credit what is left of a line (--line N alone) to rebill it, or credit the part without --rebill");
        }
    }

    /** The person of the directory who acts; --as only for an administrator (as for approvals). */
    private Person resolve(CreditActor who) {
        if (directory.people() == 0) {
            throw new CreditRefusedException("the directory is empty: load people.csv (docs/input-formats.md) before crediting");
        }
        Person user = directory.person(who.user()).orElse(null);
        if (who.as() == null) {
            if (user == null) {
                throw new CreditRefusedException(who.user() + " is not in the directory (people.csv)");
            }
            return user;
        }
        if (user == null || !user.holds(PersonRole.ADMIN)) {
            throw new CreditRefusedException("--as is for a person with the admin role; " + who.user() + " is not one");
        }
        return directory.person(who.as()).orElseThrow(() -> new CreditRefusedException(who.as() + " is not in the directory (people.csv)"));
    }

    private CreditMemo lockInReview(String reference) {
        long id = queries.lock(reference).orElseThrow(() -> new RefusedException("no credit memo " + reference + " (billrun credits)"));
        CreditMemo c = queries.find(id).orElseThrow();
        if (c.state() != CreditState.IN_REVIEW) {
            throw new CreditRefusedException(c.reference() + " is " + c.state().label() + ", not in review");
        }
        return c;
    }

    private static void requireIssuer(Person person, String entityId, String what) {
        if (person.roles().stream().noneMatch(ISSUERS::contains)) {
            throw new CreditRefusedException(person.userId() + " may not credit invoices: that takes the finance, finance controller or admin role"
                    + " (roles: " + person.roles().stream().map(PersonRole::label).sorted().toList() + ")");
        }
        if (!person.actsFor(entityId)) {
            throw new CreditRefusedException(person.userId() + " may not act for entity " + entityId + " (" + what + ")");
        }
    }

    /** The credit part of the policy the invoice's run recorded (defaults when it recorded none). */
    private CreditPolicy policy(long runId) {
        return validation.policy(runId).map(p -> CreditPolicy.from(PolicyFile.of(p.source(), p.content()))).orElseGet(CreditPolicy::defaults);
    }

    private void record(AuditAction action, long creditId, long runId, CreditActor who, String detail) {
        audit.append(List.of(new AuditLog.Entry(who.describe(), action, "credit_memo", creditId, runId, detail)));
        audit.anchorHead(who.user());
    }

    private static String lineList(CreditArithmetic.Result result) {
        List<String> parts = new ArrayList<>();
        for (CreditArithmetic.CreditLine l : result.lines()) {
            parts.add("line " + l.lineNo() + (l.closesLine() ? "" : " part"));
        }
        return String.join(", ", parts);
    }

    private static String plain(Money m) {
        return m.amount().toPlainString();
    }

    private static String note(String comment) {
        return comment == null || comment.isBlank() ? "" : "; comment: " + comment;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Runs one action in a transaction; a refusal by the database's controls becomes an {@link CreditRefusedException}. */
    private <T> T inTransaction(Supplier<T> action) {
        try {
            return tx.execute(status -> action.get());
        } catch (DataAccessException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            int at = message.indexOf("credit refused: ");
            if (at >= 0) {
                String reason = message.substring(at + "credit refused: ".length());
                int end = reason.indexOf('\n');
                throw new CreditRefusedException(end < 0 ? reason : reason.substring(0, end));
            }
            throw e;
        }
    }
}
