package org.billrun.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Input folders for tests: the tiny hand-written firm, and copies of it with a large time entry file. */
public final class TestFirms {

    public static final Path TINY = Path.of("src/test/resources/firms/tiny");

    private TestFirms() {}

    public static Path copyOfTiny(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(TINY)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The tiny firm with {@code rows} valid time entries (ids T-000001...), and a malformed row every
     * {@code rejectEvery} rows so that rejections are spread across chunks.
     */
    public static Path tinyWithTimeEntries(Path target, int rows, int rejectEvery) {
        copyOfTiny(target);
        try (BufferedWriter out = Files.newBufferedWriter(target.resolve("time_entries.csv"), StandardCharsets.UTF_8)) {
            out.write("entry_id,consultant_id,project_id,task_id,work_date,hours,billable,approval_status,submitted_at,approved_by,description\n");
            for (int i = 1; i <= rows; i++) {
                String hours = i % rejectEvery == 0 ? "\"7,5\"" : (i % 8 + 1) + ".25";
                out.write(String.format("T-%06d,E-00%d,P-ACME,TK-ACME-1,2026-10-%02d,%s,true,approved,2026-10-31T10:00:00Z,E-001,\"entry %d, work\"%n",
                        i, i % 2 + 1, i % 28 + 1, hours, i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
