package org.billrun.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.billrun.audit.AuditAction;
import org.billrun.audit.AuditLog;
import org.billrun.delivery.DeliveryStatusNotification.NotADsnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code billrun deliveries bounces}: reads delivery status notifications (.eml files, or a folder of them),
 * matches each to the mail it reports on by the original Message-ID, and marks that delivery {@code bounced}
 * with the reporting server's diagnostic, audited (AuditAction.DELIVERY_BOUNCED). Every notification read is kept (delivery_bounce), matched or not,
 * in the same transaction as the mark: reading it again changes nothing, and one that matches no delivery is
 * reported and stays for finance. The files are only read, never moved or deleted.
 */
@Service
public class BounceService {

    private static final Logger log = LoggerFactory.getLogger(BounceService.class);

    /** What became of one file. */
    public enum Result {
        /** A bounce matched to its delivery, now bounced. */
        BOUNCED,
        /** A report on a mail that was not bounced (delayed, delivered, relayed): kept, the delivery unchanged. */
        NOT_A_BOUNCE,
        /** A notification whose original Message-ID is no delivery's: kept for finance. */
        UNMATCHED,
        /** Read before: nothing changed. */
        ALREADY_READ,
        /** Not a delivery status notification, or unreadable: left as it is, nothing recorded. */
        UNREADABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** One file's outcome: the final number of the delivery it matched (or null) and what it said or why it was not read. */
    public record Outcome(Path file, Result result, String finalNumber, String originalMessageId, String detail) {}

    private final DeliveryQueries ledger;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    BounceService(DeliveryQueries ledger, AuditLog audit, PlatformTransactionManager transactions) {
        this.ledger = ledger;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Reads each path: an .eml file, or a folder whose {@code *.eml} files are read in name order.
     *
     * @throws IllegalArgumentException when a path does not exist
     */
    public List<Outcome> read(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listed = Files.list(path)) {
                    listed.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException(path + " is neither a file nor a folder");
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Path file : files) {
            outcomes.add(readOne(file));
        }
        return outcomes;
    }

    private Outcome readOne(Path file) {
        DeliveryStatusNotification dsn;
        try {
            dsn = DeliveryStatusNotification.parse(Files.readAllBytes(file));
        } catch (NotADsnException | IOException e) {
            log.warn("{} was not read as a bounce: {}", file, e.getMessage());
            return new Outcome(file, Result.UNREADABLE, null, null, e.getMessage());
        }
        Optional<Long> delivery = dsn.originalMessageId() == null ? Optional.empty() : ledger.byMessageId(dsn.originalMessageId());
        Result result = tx.execute(status -> {
            if (!ledger.keepBounce(dsn, file.toAbsolutePath().toString(), delivery.orElse(null))) {
                return Result.ALREADY_READ;
            }
            if (delivery.isEmpty()) {
                return Result.UNMATCHED;
            }
            if (!dsn.bounce()) {
                return Result.NOT_A_BOUNCE;
            }
            DeliveryQueries.BouncedMail mail = ledger.bounced(delivery.get(), dsn.diagnostic());
            audit.append(List.of(audit.entry(AuditAction.DELIVERY_BOUNCED, "delivery", delivery.get(), mail.runId(),
                    "the mail of %s to %s (%s) bounced: %s".formatted(mail.finalNumber(), mail.recipients(), dsn.originalMessageId(),
                            dsn.diagnostic()))));
            return Result.BOUNCED;
        });
        String finalNumber = delivery.flatMap(ledger::finalNumber).orElse(null);
        if (result == Result.UNMATCHED) {
            log.warn("{}: a bounce of {} matches no delivery", file, dsn.originalMessageId() == null ? "a mail without a Message-ID"
                    : dsn.originalMessageId());
        }
        return new Outcome(file, result, finalNumber, dsn.originalMessageId(), dsn.diagnostic());
    }
}
