package org.billrun.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the hourly rate in force for a consultant's time on a contract on a date, in the contract's
 * currency. Precedence: the consultant's own rate, then the contract's card (rows at contract level
 * for the contract, or the card the contract names), then the client's card, then the firm's
 * standard card for the role. Rates are never converted between currencies: a card in another
 * currency does not apply. When two rows of one level are in force on the same date, the one that
 * started last wins (then the higher rate id), so the answer never depends on file order.
 */
public final class RateBook {

    private static final Comparator<RateRow> LATEST_FIRST =
            Comparator.comparing(RateRow::validFrom).thenComparing(RateRow::rateId).reversed();

    private final Map<String, List<RateRow>> byLevelAndRef = new HashMap<>();
    private final Map<String, List<RateRow>> byCard = new HashMap<>();

    public RateBook(Collection<RateRow> rows) {
        for (RateRow row : rows) {
            byLevelAndRef.computeIfAbsent(key(row.level(), row.levelRef()), k -> new ArrayList<>()).add(row);
            if (row.level() == RateLevel.CONTRACT) {
                // a contract that names a card takes that card's contract rows, never a consultant's personal rate on it
                byCard.computeIfAbsent(row.cardId(), k -> new ArrayList<>()).add(row);
            }
        }
        byLevelAndRef.values().forEach(list -> list.sort(LATEST_FIRST));
        byCard.values().forEach(list -> list.sort(LATEST_FIRST));
    }

    public Optional<RateRow> resolve(Consultant consultant, Contract contract, LocalDate date) {
        String role = consultant.role();
        String currency = contract.currency();
        Optional<RateRow> rate = first(byLevelAndRef.get(key(RateLevel.CONSULTANT, consultant.consultantId())), role, currency, date);
        if (rate.isEmpty()) {
            rate = first(byLevelAndRef.get(key(RateLevel.CONTRACT, contract.contractId())), role, currency, date);
        }
        if (rate.isEmpty() && contract.rateCardId() != null && !contract.rateCardId().isEmpty()) {
            rate = first(byCard.get(contract.rateCardId()), role, currency, date);
        }
        if (rate.isEmpty()) {
            rate = first(byLevelAndRef.get(key(RateLevel.CLIENT, contract.clientId())), role, currency, date);
        }
        if (rate.isEmpty()) {
            rate = first(byLevelAndRef.get(key(RateLevel.FIRM, null)), role, currency, date);
        }
        return rate;
    }

    private static Optional<RateRow> first(List<RateRow> rows, String role, String currency, LocalDate date) {
        if (rows == null) {
            return Optional.empty();
        }
        for (RateRow row : rows) {
            if (row.currency().equals(currency) && row.coversRole(role) && row.validOn(date)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static String key(RateLevel level, String ref) {
        return level == RateLevel.FIRM ? "firm" : level.name() + ":" + ref;
    }
}
