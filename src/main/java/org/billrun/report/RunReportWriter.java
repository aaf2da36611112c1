package org.billrun.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.billrun.report.runpdf.RunReportPdf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The run report part: builds the report once and writes run-report.pdf, .json and .csv as asked. */
@Component
@Order(0)
public class RunReportWriter implements RunReportPart {

    private static final Logger log = LoggerFactory.getLogger(RunReportWriter.class);

    public static final String BASE_NAME = "run-report";

    private final RunReportQueries queries;

    RunReportWriter(RunReportQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<Path> write(long runId, Path dir, Set<ReportFormat> formats) throws IOException {
        long started = System.nanoTime();
        return write(queries.build(runId), dir, formats, started);
    }

    /** Written by the report stage, the report says the run completed that stage. */
    @Override
    public List<Path> writeInReportStage(long runId, Path dir, Set<ReportFormat> formats) throws IOException {
        long started = System.nanoTime();
        return write(queries.buildInReportStage(runId), dir, formats, started);
    }

    private static List<Path> write(RunReport report, Path dir, Set<ReportFormat> formats, long started) throws IOException {
        long runId = report.run().runId();
        List<Path> written = new ArrayList<>();
        for (ReportFormat format : ReportFormat.values()) {
            if (!formats.contains(format)) {
                continue;
            }
            Path file = dir.resolve(BASE_NAME + "." + format.extension());
            switch (format) {
                case JSON -> {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        RunReportJson.write(report, out);
                    }
                }
                case CSV -> {
                    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        RunReportCsv.write(report, out);
                    }
                }
                case PDF -> {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        RunReportPdf.write(report, out);
                    } catch (IOException e) {
                        throw e;
                    } catch (Exception e) {
                        // OpenPDF's DocumentException and chart failures: the step fails and a restart writes it again
                        throw new IOException("could not write " + file + ": " + e.getMessage(), e);
                    }
                }
            }
            written.add(file);
        }
        log.debug("Run report of run {} written in {} ms", runId, (System.nanoTime() - started) / 1_000_000);
        return written;
    }
}
