package org.billrun.assist.reason;

import java.util.Locale;

/** Counts of (true reason, suggested reason) over a test set, printed as docs/assistance.md shows it. */
final class ConfusionMatrix {

    private static final DisputeReason[] REASONS = DisputeReason.values();

    private final int[][] counts = new int[REASONS.length][REASONS.length];

    void add(DisputeReason truth, DisputeReason suggested) {
        counts[truth.ordinal()][suggested.ordinal()]++;
    }

    int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    int correct() {
        int n = 0;
        for (int c = 0; c < REASONS.length; c++) {
            n += counts[c][c];
        }
        return n;
    }

    double accuracy() {
        return (double) correct() / total();
    }

    int count(DisputeReason truth, DisputeReason suggested) {
        return counts[truth.ordinal()][suggested.ordinal()];
    }

    /** A Markdown table: rows the true reason, columns the suggestion, then recall per row. */
    String markdown() {
        StringBuilder out = new StringBuilder("| true \\ suggested |");
        for (DisputeReason r : REASONS) {
            out.append(' ').append(r.code()).append(" |");
        }
        out.append(" recall |\n|---|");
        out.append("---:|".repeat(REASONS.length + 1)).append('\n');
        for (DisputeReason truth : REASONS) {
            out.append("| ").append(truth.code()).append(" |");
            int row = 0;
            for (DisputeReason s : REASONS) {
                out.append(' ').append(count(truth, s)).append(" |");
                row += count(truth, s);
            }
            out.append(String.format(Locale.ROOT, " %d/%d |%n", count(truth, truth), row));
        }
        return out.toString();
    }
}
