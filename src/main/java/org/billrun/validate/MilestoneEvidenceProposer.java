package org.billrun.validate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.billrun.assist.evidence.ContractContext;
import org.billrun.assist.evidence.EvidenceDocument;
import org.billrun.assist.evidence.EvidenceDocuments;
import org.billrun.assist.evidence.EvidenceFinder;
import org.billrun.assist.evidence.MentionKind;
import org.billrun.assist.evidence.MilestoneMention;
import org.billrun.assist.evidence.MilestoneRef;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.billing.Client;
import org.billrun.billing.Contract;
import org.billrun.billing.MasterData;
import org.billrun.billing.Milestone;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.validate.ContractChecks.EvidenceLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the evidence documents milestones.csv names for the milestones a run checks, finds what they say
 * about each milestone (assist.evidence) and stores it (milestone_evidence): an acceptance as a proposal,
 * audited as proposed, anything else as noted. The documents of one contract's milestones are read together,
 * so an e-mail named for M7 that says "M8 is not yet accepted" is shown for M8 too. A document that cannot be
 * read is a problem reported with the milestone, never skipped silently. Runs in the checkContracts step's
 * transaction; its writes are upserts, so a restart repeats it harmlessly.
 */
@Component
class MilestoneEvidenceProposer {

    private static final Logger log = LoggerFactory.getLogger(MilestoneEvidenceProposer.class);

    private final JdbcClient jdbc;
    private final InvoicingParties parties;
    private final MilestoneEvidenceQueries queries;
    private final AuditLog audit;

    MilestoneEvidenceProposer(JdbcClient jdbc, InvoicingParties parties, MilestoneEvidenceQueries queries, AuditLog audit) {
        this.jdbc = jdbc;
        this.parties = parties;
        this.queries = queries;
        this.audit = audit;
    }

    /**
     * Reads the documents of the {@code checked} milestones (relative names against {@code input}, the run's input
     * folder; a run that reads a database needs absolute names) and answers what is stored for each of them.
     */
    Map<String, EvidenceLookup> propose(long runId, String input, MasterData master, List<Milestone> checked) {
        Map<String, List<String>> problems = new HashMap<>();
        Map<String, List<Milestone>> byContract = new LinkedHashMap<>();
        checked.stream().filter(m -> !m.evidenceFiles().isEmpty())
                .forEach(m -> byContract.computeIfAbsent(m.contractId(), k -> new ArrayList<>()).add(m));
        List<AuditLog.Entry> proposed = new ArrayList<>();
        for (Map.Entry<String, List<Milestone>> contractMilestones : byContract.entrySet()) {
            Contract contract = master.contract(contractMilestones.getKey());
            if (contract == null) {
                continue;
            }
            Set<String> files = new LinkedHashSet<>();
            contractMilestones.getValue().forEach(m -> files.addAll(m.evidenceFiles()));
            List<EvidenceDocument> documents = new ArrayList<>();
            Map<String, String> shaByFile = new HashMap<>();
            for (String file : files) {
                try {
                    byte[] bytes = Files.readAllBytes(resolve(input, file));
                    shaByFile.put(file, sha256(bytes));
                    documents.add(read(file, bytes));
                } catch (IOException | InvalidPathException e) {
                    String reason = file + ": " + reason(e, file);
                    log.warn("evidence document not read: {}", reason);
                    contractMilestones.getValue().stream().filter(m -> m.evidenceFiles().contains(file))
                            .forEach(m -> problems.computeIfAbsent(m.milestoneId(), k -> new ArrayList<>()).add(reason));
                }
            }
            List<MilestoneRef> refs = master.milestones().stream().filter(m -> m.contractId().equals(contract.contractId()))
                    .map(MilestoneRef::of).toList();
            Set<String> checkedIds = contractMilestones.getValue().stream().map(Milestone::milestoneId).collect(Collectors.toSet());
            for (MilestoneMention mention : EvidenceFinder.find(context(runId, master, contract), refs, documents)) {
                if (checkedIds.contains(mention.milestoneId())) {
                    store(runId, contract.contractId(), mention, shaByFile.get(mention.file()), proposed);
                }
            }
        }
        audit.append(proposed);
        Map<String, List<MilestoneEvidence>> found = queries.ofMilestones(checked.stream().map(Milestone::milestoneId).toList());
        Map<String, EvidenceLookup> lookups = new HashMap<>();
        for (Milestone m : checked) {
            lookups.put(m.milestoneId(), new EvidenceLookup(found.getOrDefault(m.milestoneId(), List.of()),
                    problems.getOrDefault(m.milestoneId(), List.of())));
        }
        return lookups;
    }

    private void store(long runId, String contractId, MilestoneMention m, String sha256, List<AuditLog.Entry> proposed) {
        boolean acceptance = m.kind() == MentionKind.ACCEPTS;
        BigDecimal confidence = BigDecimal.valueOf(m.confidence()).setScale(2, RoundingMode.HALF_UP);
        record Upserted(long id, boolean inserted) {}
        Upserted row = jdbc.sql("""
                INSERT INTO milestone_evidence (milestone_id, contract_id, kind, file, file_sha256, quote, evidence_date, date_source,
                    sender, confidence, why, state, found_by_run_id, last_seen_run_id)
                VALUES (:milestone, :contract, :kind, :file, :sha, :quote, :date, :dateSource, :sender, :confidence, :why, :state, :run, :run)
                ON CONFLICT (milestone_id, file_sha256, kind, quote) DO UPDATE SET last_seen_run_id = EXCLUDED.last_seen_run_id
                RETURNING evidence_id, (xmax = 0)""")
                .param("milestone", m.milestoneId()).param("contract", contractId)
                .param("kind", m.kind().name().toLowerCase(Locale.ROOT)).param("file", m.file()).param("sha", sha256)
                .param("quote", m.quote().strip()).param("date", m.date()).param("dateSource", m.dateSource()).param("sender", m.from())
                .param("confidence", acceptance ? confidence : BigDecimal.ZERO).param("why", String.join("; ", m.why()))
                .param("state", (acceptance ? EvidenceState.PROPOSED : EvidenceState.NOTED).label()).param("run", runId)
                .query((rs, i) -> new Upserted(rs.getLong(1), rs.getBoolean(2))).single();
        if (acceptance && row.inserted()) {
            proposed.add(audit.entry(AuditAction.EVIDENCE_PROPOSED, "milestone_evidence", row.id(), runId,
                    "%s: \"%s\" (%s, confidence %s)".formatted(m.milestoneId(), m.quote().strip(), m.file(), confidence.toPlainString())));
        }
    }

    /** The words that tie a document to the contract: its id, the client's name and billing e-mail domain, the purchase order. */
    private ContractContext context(long runId, MasterData master, Contract contract) {
        List<String> terms = new ArrayList<>();
        Client client = master.client(contract.clientId());
        if (client != null && client.name() != null) {
            terms.add(client.name());
        }
        if (contract.poNumber() != null && !contract.poNumber().isBlank()) {
            terms.add(contract.poNumber());
        }
        String domain = parties.billingEmail(runId, contract.clientId())
                .map(emails -> emails.split("[,;\\s]+")[0])
                .filter(email -> email.contains("@"))
                .map(email -> email.substring(email.indexOf('@') + 1))
                .orElse(null);
        return new ContractContext(contract.contractId(), domain, terms);
    }

    private static Path resolve(String input, String file) {
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return path;
        }
        if (input == null || input.startsWith("jdbc:")) {
            throw new InvalidPathException(file, "a run that reads a database needs an absolute path in evidence_files");
        }
        return Path.of(input).resolve(path);
    }

    private static EvidenceDocument read(String file, byte[] bytes) throws IOException {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".eml")) {
            return EvidenceDocuments.email(file, new ByteArrayInputStream(bytes));
        }
        if (lower.endsWith(".txt")) {
            return EvidenceDocuments.text(file, bytes);
        }
        throw new IOException("not read (only .eml e-mails and .txt documents are)");
    }

    private static String reason(Exception e, String file) {
        if (e instanceof NoSuchFileException) {
            return "no such file (evidence_files names files relative to the input folder)";
        }
        if (e instanceof InvalidPathException ip) {
            return ip.getReason();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.startsWith(file + ": ") ? message.substring(file.length() + 2) : message;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
