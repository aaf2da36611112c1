package org.billrun.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing reports is restart-safe: parts write into a staging folder and finished files are renamed into place. */
class ReportServiceTests {

    @TempDir
    Path root;

    /** Writes a.json (and, for PDF, invoices/1.pdf) with the given content, then fails when asked to. */
    private static RunReportPart part(String content, boolean fail) {
        return (runId, dir, formats) -> {
            Files.writeString(dir.resolve("a.json"), content + " " + runId);
            if (formats.contains(ReportFormat.PDF)) {
                Files.createDirectories(dir.resolve("invoices"));
                Files.writeString(dir.resolve("invoices/1.pdf"), content);
            }
            if (fail) {
                throw new IOException("disk full");
            }
            return List.of(dir.resolve("a.json"));
        };
    }

    private ReportService service(RunReportPart... parts) {
        return new ReportService(List.of(parts), new ReportsFolder(root));
    }

    @Test
    void everyPartsFilesEndUpInTheRunsFolderIncludingSubfolders() throws Exception {
        List<Path> written = service(part("one", false)).writeAll(7);

        Path folder = root.resolve("run-7");
        assertThat(written).containsExactly(folder.resolve("a.json"), folder.resolve("invoices/1.pdf"));
        assertThat(folder.resolve("a.json")).hasContent("one 7");
        assertThat(root.resolve(".run-7.partial")).doesNotExist();
    }

    @Test
    void aFailedAttemptLeavesThePreviousReportsIntactAndTheNextAttemptReplacesThem() throws Exception {
        service(part("first", false)).writeAll(7);
        Path folder = root.resolve("run-7");

        assertThatThrownBy(() -> service(part("second", true)).writeAll(7)).hasMessageContaining("disk full");
        assertThat(folder.resolve("a.json")).hasContent("first 7");
        assertThat(root.resolve(".run-7.partial")).doesNotExist();

        service(part("third", false)).writeAll(7);
        assertThat(folder.resolve("a.json")).hasContent("third 7");
        assertThat(folder.resolve("invoices/1.pdf")).hasContent("third");
    }

    @Test
    void aStagingFolderLeftByAKilledProcessIsStartedAfresh() throws Exception {
        Path staging = Files.createDirectories(root.resolve(".run-7.partial"));
        Files.writeString(staging.resolve("half-written.pdf"), "%PDF-1.4 ...");

        service(part("fresh", false)).writeAll(7);

        assertThat(root.resolve("run-7/half-written.pdf")).doesNotExist();
        assertThat(root.resolve("run-7/a.json")).hasContent("fresh 7");
    }

    @Test
    void onlyTheFormatsAskedForAreWrittenAndOtherFilesInTheFolderStay() throws Exception {
        service(part("all", false)).writeAll(7);
        Path out = root.resolve("run-7");

        service(part("json only", false)).write(7, out, Set.copyOf(EnumSet.of(ReportFormat.JSON)));

        assertThat(out.resolve("a.json")).hasContent("json only 7");
        assertThat(out.resolve("invoices/1.pdf")).hasContent("all");
    }
}
