package org.billrun.assist.risk;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;

/** What the risk score reads from the draft being scored: its period, net amount, lines and lines without evidence. */
public record DraftFacts(YearMonth period, BigDecimal amount, int lines, int linesWithoutEvidence) {

    public DraftFacts {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(amount, "amount");
        if (lines < 0 || linesWithoutEvidence < 0 || linesWithoutEvidence > lines) {
            throw new IllegalArgumentException("lines without evidence (" + linesWithoutEvidence + ") must be between 0 and the lines ("
                    + lines + ")");
        }
    }
}
