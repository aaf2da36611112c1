package org.billrun.erp.tryton;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpDocument;
import org.billrun.posting.port.ErpUnavailableException;
import org.billrun.posting.port.OutgoingInvoice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Posts final invoices to Tryton over its JSON-RPC API (billrun.erp.adapter=tryton): the customer party
 * found by billrun's client id (its code) or created, the customer invoice created with billrun's final
 * number as its reference, checked against billrun's totals while still a draft, posted, and read back.
 *
 * <p>Idempotent by reference: {@link #send} first searches the reference, and an invoice already there is
 * only posted if an earlier attempt left it a draft, never created again. The answer's document id is
 * Tryton's invoice number (e.g. {@code 2026/00001}); its status Tryton's state.
 *
 * <p>Tryton's user errors are permanent (with Tryton's message for finance), a Tryton that cannot be
 * reached or that rolled the call back retryable, a time-out or an unreadable answer unknown. A draft whose
 * totals differ from billrun's (a tax rounding or a rate set up differently in Tryton) is deleted again and
 * answered permanent, so nothing wrong gets booked. An existing party is used as Tryton has it: changing
 * customers is the customer sync's work, not posting's.
 */
public final class TrytonErpAdapter implements ErpAdapter {

    private static final String BILLRUN_DESCRIPTION = "billrun ";
    /** "billrun NWDE-CN-2026-000001...": a credit note described before its description said so (CreditService's series). */
    private static final Pattern CREDIT_SERIES_DESCRIPTION = Pattern.compile("billrun \\S+-CN-\\d{4}-\\d{6}\\b");

    private static final Logger log = LoggerFactory.getLogger(TrytonErpAdapter.class);
    private static final List<String> DOCUMENT_FIELDS = List.of("number", "state", "reference", "currency", "total_amount",
            "description");
    private static final int READ_CHUNK = 200;
    /** The states of an invoice Tryton has booked; a draft or validated one is not posted yet. */
    private static final Set<String> BOOKED = Set.of("posted", "paid");

    private final TrytonSetup setup;
    private final TrytonJsonRpc rpc;
    private final TrytonParties parties;
    private final TrytonInvoices invoices;
    private final PastDueDates pastDueDates;
    private final Map<Long, String> currencyCodes;

    public TrytonErpAdapter(TrytonSetup setup, TrytonJsonRpc rpc, PastDueDates pastDueDates) {
        this.setup = setup;
        this.rpc = rpc;
        this.parties = new TrytonParties(rpc);
        this.invoices = new TrytonInvoices(rpc, parties);
        this.pastDueDates = pastDueDates;
        Map<Long, String> codes = new LinkedHashMap<>();
        setup.currencies().forEach((code, id) -> codes.put(id, code));
        this.currencyCodes = Map.copyOf(codes);
    }

    @Override
    public String name() {
        return "tryton";
    }

    @Override
    public ErpAnswer send(OutgoingInvoice invoice) {
        TrytonPosting posting;
        try {
            posting = TrytonPosting.of(invoice, setup);
        } catch (TrytonPosting.Unmappable e) {
            return ErpAnswer.failed(Outcome.PERMANENT, e.getMessage(), null, null);
        }
        String requestDigest = sha256(TrytonJson.MAPPER.writeValueAsBytes(posting));
        try {
            List<Long> found = invoices.findByReference(invoice.reference());
            if (found.size() > 1) {
                return ErpAnswer.failed(Outcome.PERMANENT, found.size() + " customer invoices in Tryton have the reference "
                        + invoice.reference() + " (ids " + found + "); keep one", requestDigest, null);
            }
            long id;
            if (found.isEmpty()) {
                Optional<Long> created = createDraft(posting);
                if (created.isEmpty()) {
                    return ErpAnswer.failed(Outcome.PERMANENT, "Tryton's totals for " + invoice.reference() + " differ from"
                            + " billrun's (net " + posting.net() + ", tax " + posting.tax() + ", gross " + posting.gross()
                            + "); the draft was deleted: check the taxes and the tax rounding set up in Tryton",
                            requestDigest, null);
                }
                id = created.get();
            } else {
                id = found.get(0);
                log.info("Tryton already has a customer invoice (id {}) with reference {}: posting it if needed, creating"
                        + " nothing", id, invoice.reference());
            }
            invoices.post(id, pastDueDates);
            TrytonInvoice booked = invoices.read(id);
            if (booked.number() == null) {
                return ErpAnswer.failed(Outcome.UNKNOWN, "Tryton invoice " + id + " (" + invoice.reference() + ") is "
                        + booked.state() + " without a number after posting", requestDigest, null);
            }
            return ErpAnswer.posted(booked.number(), booked.state(), requestDigest,
                    sha256(TrytonJson.MAPPER.writeValueAsBytes(booked)));
        } catch (TrytonRetryableException e) {
            Outcome outcome = e.outcome() == TrytonRetryableException.Outcome.UNKNOWN ? Outcome.UNKNOWN : Outcome.RETRYABLE;
            return ErpAnswer.failed(outcome, e.getMessage(), requestDigest, null);
        } catch (TrytonPermanentException e) {
            return ErpAnswer.failed(Outcome.PERMANENT, e.getMessage(), requestDigest, null);
        }
    }

    /**
     * The posted (or paid) customer invoices with the reference. A draft an interrupted attempt left is not
     * among them: Tryton has not booked it, and the next {@link #send} finds and posts it.
     */
    @Override
    public List<ErpDocument> lookup(String entityId, String reference) {
        if (!entityId.equals(setup.entity())) {
            return List.of();
        }
        try {
            return documents(invoices.findByReference(reference)).stream().filter(d -> BOOKED.contains(d.status())).toList();
        } catch (TrytonException e) {
            throw new ErpUnavailableException("cannot look " + reference + " up in Tryton: " + e.getMessage(), e);
        }
    }

    /** Every customer invoice with a reference, in any state (a draft is named {@code account.invoice,<id>}). */
    @Override
    public List<ErpDocument> documents(String entityId) {
        if (!entityId.equals(setup.entity())) {
            return List.of();
        }
        try {
            return documents(rpc.search("account.invoice",
                    List.of(List.of("type", "=", "out"), Arrays.asList("reference", "!=", null)), null));
        } catch (TrytonException e) {
            throw new ErpUnavailableException("cannot list Tryton's customer invoices: " + e.getMessage(), e);
        }
    }

    /** The new draft's id; empty when its totals were not billrun's and it was deleted again. */
    private Optional<Long> createDraft(TrytonPosting posting) {
        long partyId = parties.findByCode(posting.party().code()).orElseGet(() -> createParty(posting.party()));
        long id = invoices.create(posting.request(partyId, setup));
        TrytonInvoice draft = invoices.read(id);
        if (posting.sameTotals(draft)) {
            return Optional.of(id);
        }
        log.warn("Tryton computed net {}, tax {}, gross {} for {}; billrun has {}, {}, {}: deleting the draft",
                draft.untaxedAmount(), draft.taxAmount(), draft.totalAmount(), posting.reference(), posting.net(),
                posting.tax(), posting.gross());
        invoices.delete(id);
        return Optional.empty();
    }

    /**
     * Creates the customer. When Tryton refuses because another process created a party with the code
     * meanwhile (its code is unique), that party is the customer.
     */
    private long createParty(TrytonPartyData party) {
        try {
            return parties.saveByCode(party).id();
        } catch (TrytonPermanentException refused) {
            Optional<Long> createdMeanwhile = parties.findByCode(party.code());
            if (createdMeanwhile.isEmpty()) {
                throw refused;
            }
            log.info("Tryton party {} was created by another process meanwhile; using it", party.code());
            return createdMeanwhile.get();
        }
    }

    private List<ErpDocument> documents(List<Long> ids) {
        List<ErpDocument> documents = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            for (JsonNode row : rpc.read("account.invoice", ids.subList(from, Math.min(ids.size(), from + READ_CHUNK)),
                    DOCUMENT_FIELDS)) {
                String number = TrytonJson.readText(row.path("number"));
                documents.add(new ErpDocument(setup.entity(), TrytonJson.readText(row.path("reference")),
                        number != null ? number : "account.invoice," + row.path("id").asLong(), row.path("state").asString(),
                        currencyCodes.get(row.path("currency").asLong()), asBillrunStatesIt(TrytonJson.readDecimal(row.path("total_amount")),
                                TrytonJson.readText(row.path("description")))));
            }
        }
        return documents;
    }

    /**
     * A document's gross as billrun's ledger holds it. Tryton books a credit note as an invoice with negative amounts, the
     * ledger holds it positive (what it gives back): a credit note's total is turned round, so {@code billrun reconcile}
     * compares like with like. Whether a document is a credit note is read from billrun's description ("billrun credit
     * note ...", or, posted before descriptions said so, "billrun" and a number of the credit series); the sign decides
     * only for a document billrun did not describe. So an invoice Tryton holds negative, or a credit note it holds
     * positive, comes out with the wrong sign and is a difference, as it should be.
     */
    static BigDecimal asBillrunStatesIt(BigDecimal trytonTotal, String description) {
        if (trytonTotal == null) {
            return null;
        }
        return isCreditNote(trytonTotal, description) ? trytonTotal.negate() : trytonTotal;
    }

    private static boolean isCreditNote(BigDecimal trytonTotal, String description) {
        if (description == null || !description.startsWith(BILLRUN_DESCRIPTION)) {
            return trytonTotal.signum() < 0;
        }
        return description.startsWith(TrytonPosting.CREDIT_NOTE) || CREDIT_SERIES_DESCRIPTION.matcher(description).lookingAt();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
