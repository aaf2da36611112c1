package org.billrun.infra;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.billrun.billing.Money;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Rows for PostgreSQL's COPY ... FROM STDIN in its text format, built in memory and sent in one call:
 * the fastest way to write many rows in the caller's transaction.
 */
public final class CopyRows {

    private final StringBuilder out;
    private boolean rowStarted;

    public CopyRows(int expectedRows) {
        out = new StringBuilder(Math.max(64, expectedRows * 96));
    }

    /** Appends one column value: null as \N, numbers in plain notation, money as its amount (its currency is a column of its own), anything else as escaped text. */
    public CopyRows add(Object value) {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof Money money) {
            out.append(money.amount().toPlainString());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            escape(value.toString());
        }
        return this;
    }

    public CopyRows endRow() {
        out.append('\n');
        rowStarted = false;
        return this;
    }

    public boolean isEmpty() {
        return out.isEmpty();
    }

    /** The rows as COPY's text format has them. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** Sends the rows with {@code copySql} ("COPY table (columns) FROM STDIN") on {@code connection}. */
    public long copyIn(Connection connection, String copySql) throws SQLException, IOException {
        return new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(copySql, new StringReader(out.toString()));
    }

    private void escape(String value) {
        if (!needsEscape(value)) {
            // most values (ids, dates, descriptions) have nothing to escape: one append instead of one per char
            out.append(value);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean needsEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
