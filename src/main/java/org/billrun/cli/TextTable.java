package org.billrun.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A plain aligned text table for the terminal; numbers right-aligned; columns measured in display width (a CJK character takes two). */
final class TextTable {

    private final String[] headers;
    private final boolean[] numeric;
    private final List<String[]> rows = new ArrayList<>();
    /** Indexes of the rows that are notes: one indented text under the row before, not aligned in columns. */
    private final Set<Integer> notes = new HashSet<>();

    TextTable(String... headers) {
        this.headers = headers;
        this.numeric = new boolean[headers.length];
    }

    TextTable numeric(int... columns) {
        for (int c : columns) {
            numeric[c] = true;
        }
        return this;
    }

    TextTable row(Object... cells) {
        String[] row = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            Object cell = i < cells.length ? cells[i] : null;
            row[i] = cell == null ? "" : cell instanceof Number n && !(cell instanceof Double) ? String.format("%,d", n.longValue()) : cell.toString();
        }
        rows.add(row);
        return this;
    }

    /** A line of text under the last row (an explanation, say), indented; column widths ignore it. */
    TextTable note(String text) {
        notes.add(rows.size());
        rows.add(new String[] {"    " + text});
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = DisplayWidth.of(headers[i]);
            for (int r = 0; r < rows.size(); r++) {
                if (!notes.contains(r)) {
                    widths[i] = Math.max(widths[i], DisplayWidth.of(rows.get(r)[i]));
                }
            }
        }
        printRow(out, headers, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (int r = 0; r < rows.size(); r++) {
            if (notes.contains(r)) {
                out.println(rows.get(r)[0]);
            } else {
                printRow(out, rows.get(r), widths);
            }
        }
    }

    private void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == 0 ? "" : "  ").append(numeric[i] ? DisplayWidth.padLeft(cells[i], widths[i]) : DisplayWidth.padRight(cells[i], widths[i]));
        }
        out.println(line.toString().stripTrailing());
    }
}
