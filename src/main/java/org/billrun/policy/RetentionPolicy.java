package org.billrun.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * How long billrun keeps each kind of data (README, "Operations", "Retention"); {@code billrun purge --before DATE}
 * removes what is older than both its date and the kind's retention, so the policy is a floor the operator's
 * date cannot go under.
 *
 * @param stagingDays retention.staging-days, 0 to 3,650 (default 90): loaded rows no longer current, validation's
 *        working rows, the missing-time lists, superseded drafts nothing refers to, finished jobs' step records
 * @param reportDays retention.report-days, 0 to 3,650 (default 400): a run's reports folder
 * @param personalDataMonths retention.personal-data-months, 0 to 1,200 (default 24): consultants' names and e-mails
 *        in rows loaded that long ago (pseudonymised; the ids stay)
 * @param legalYears retention.legal-years, 1 to 30 (default 10): invoices, postings, their lineage and the audit log;
 *        purge never removes them and counts those past this period
 */
public record RetentionPolicy(int stagingDays, int reportDays, int personalDataMonths, int legalYears) {

    static final Set<String> KEYS = Set.of("retention.staging-days", "retention.report-days", "retention.personal-data-months",
            "retention.legal-years");

    public static RetentionPolicy defaults() {
        return from(PolicyFile.defaults());
    }

    public static RetentionPolicy from(PolicyFile file) {
        for (String key : file.keysStartingWith("retention.")) {
            if (!KEYS.contains(key)) {
                throw new PolicyFile.PolicyException(file.source() + ": unknown key '" + key + "' (" + String.join(", ", KEYS.stream()
                        .sorted().toList()) + "; see the README, section Policy)");
            }
        }
        return new RetentionPolicy(file.integer("retention.staging-days", 90, PolicyRange.between("0", "3650")),
                file.integer("retention.report-days", 400, PolicyRange.between("0", "3650")),
                file.integer("retention.personal-data-months", 24, PolicyRange.between("0", "1200")),
                file.integer("retention.legal-years", 10, PolicyRange.between("1", "30")));
    }

    /** What a purge asked for {@code before} (start of that day, UTC) at {@code now} may remove: each kind's own cut-off. */
    public Cutoffs cutoffs(LocalDate before, Instant now) {
        Instant asked = before.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Cutoffs(earlier(asked, now.minus(Period.ofDays(stagingDays))),
                earlier(asked, now.minus(Period.ofDays(reportDays))),
                earlier(asked, now.atZone(ZoneOffset.UTC).minusMonths(personalDataMonths).toInstant()),
                now.atZone(ZoneOffset.UTC).minusYears(legalYears).toInstant());
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Data older than these instants is past its retention: staging and reports of runs created before them,
     * personal data loaded before it; {@code legal} is where the legal period begins (nothing before it is removed,
     * it is counted).
     */
    public record Cutoffs(Instant staging, Instant reports, Instant personalData, Instant legal) {}
}
