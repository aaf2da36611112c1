package org.billrun.assist.reason;

import com.opencsv.CSVReader;
import com.opencsv.exceptions.CsvException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Labelled dispute texts (CSV with the header {@code text,label}), and the seeded, stratified
 * splits that train and test the classifier on them.
 */
public record LabelledSet(List<LabelledText> examples) {

    /** The labelled set shipped with billrun (docs/assistance.md, "The labelled set"). */
    public static final String SHIPPED = "/org/billrun/assist/dispute-reasons.csv";

    public LabelledSet {
        examples = List.copyOf(examples);
    }

    public static LabelledSet shipped() {
        try (InputStream in = LabelledSet.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException(SHIPPED + " is missing from the class path");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), SHIPPED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code text,label} rows; a row that is not one names its line and what was expected. */
    public static LabelledSet read(Reader reader, String name) throws IOException {
        List<LabelledText> examples = new ArrayList<>();
        try (CSVReader csv = new CSVReader(reader)) {
            String[] header = csv.readNext();
            if (header == null || header.length != 2 || !"text".equals(header[0].strip()) || !"label".equals(header[1].strip())) {
                throw new IllegalArgumentException(name + " line 1: expected the header text,label");
            }
            String[] row;
            while ((row = csv.readNext()) != null) {
                long line = csv.getLinesRead();
                if (row.length != 2 || row[0].isBlank()) {
                    throw new IllegalArgumentException(name + " line " + line + ": expected a non-empty text and a label");
                }
                try {
                    examples.add(new LabelledText(row[0], DisputeReason.parse(row[1])));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " line " + line + ", column label: " + e.getMessage(), e);
                }
            }
        } catch (CsvException e) {
            throw new IllegalArgumentException(name + " line " + e.getLineNumber() + ": " + e.getMessage(), e);
        }
        return new LabelledSet(examples);
    }

    public record Split(List<LabelledText> train, List<LabelledText> test) {}

    /**
     * Holds out {@code testShare} of every class (rounded), chosen by a {@link Random} seeded with
     * {@code seed}: the same seed gives the same split on every JVM.
     */
    public Split split(double testShare, long seed) {
        List<LabelledText> train = new ArrayList<>();
        List<LabelledText> test = new ArrayList<>();
        Random random = new Random(seed);
        for (List<LabelledText> ofClass : byReason().values()) {
            List<LabelledText> shuffled = new ArrayList<>(ofClass);
            Collections.shuffle(shuffled, random);
            int held = (int) Math.round(shuffled.size() * testShare);
            test.addAll(shuffled.subList(0, held));
            train.addAll(shuffled.subList(held, shuffled.size()));
        }
        return new Split(train, test);
    }

    /** {@code k} stratified folds: split i tests fold i and trains on the others. */
    public List<Split> folds(int k, long seed) {
        List<List<LabelledText>> folds = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        Random random = new Random(seed);
        int next = 0;
        for (List<LabelledText> ofClass : byReason().values()) {
            List<LabelledText> shuffled = new ArrayList<>(ofClass);
            Collections.shuffle(shuffled, random);
            for (LabelledText example : shuffled) {
                folds.get(next++ % k).add(example);
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<LabelledText> train = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (j != i) {
                    train.addAll(folds.get(j));
                }
            }
            splits.add(new Split(train, folds.get(i)));
        }
        return splits;
    }

    private Map<DisputeReason, List<LabelledText>> byReason() {
        Map<DisputeReason, List<LabelledText>> byReason = new EnumMap<>(DisputeReason.class);
        for (LabelledText example : examples) {
            byReason.computeIfAbsent(example.reason(), r -> new ArrayList<>()).add(example);
        }
        return byReason;
    }
}
