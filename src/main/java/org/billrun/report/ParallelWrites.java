package org.billrun.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes report files on all cores. A PDF costs a few milliseconds of CPU each (layout, and the
 * embedded font subsets every file needs on its own), and a large firm has hundreds of drafts and
 * owners: on 2 cores, two at a time nearly halves the time. The writers share only read-only state
 * (the fonts, once loaded, and the data read before).
 */
final class ParallelWrites {

    interface Writer<T> {
        Path write(T item) throws IOException;
    }

    private ParallelWrites() {}

    /** The files written, in the order of {@code items}. */
    static <T> List<Path> each(List<T> items, Writer<T> writer) throws IOException {
        try {
            return items.parallelStream().map(item -> {
                try {
                    return writer.write(item);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            // the fork-join pool may rethrow a copy that wraps the original: find the IOException
            Throwable cause = e;
            while (cause instanceof UncheckedIOException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }
}
