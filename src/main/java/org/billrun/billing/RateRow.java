package org.billrun.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One effective-dated hourly rate (rate_cards.csv). {@code validTo} is inclusive; null means open-ended. */
public record RateRow(String rateId, String cardId, RateLevel level, String levelRef, String role, String currency,
        BigDecimal hourlyRate, LocalDate validFrom, LocalDate validTo) {

    boolean validOn(LocalDate date) {
        return !date.isBefore(validFrom) && (validTo == null || !date.isAfter(validTo));
    }

    /** A row without a role (allowed for consultant rates) applies to any role. */
    boolean coversRole(String wanted) {
        return role == null || role.isEmpty() || role.equals(wanted);
    }

    /** "R-0035 (card RC-ACME, contract level, senior_consultant, from 2026-10-16)": which row produced a rate. */
    public String explain() {
        return rateId + " (card " + cardId + ", " + level.label() + " level"
                + (role == null || role.isEmpty() ? "" : ", " + role) + ", from " + validFrom
                + (validTo == null ? "" : " to " + validTo) + ")";
    }
}
