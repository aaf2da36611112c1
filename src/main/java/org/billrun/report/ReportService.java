package org.billrun.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.billrun.infra.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Writes a run's reports: every {@link RunReportPart} (the run report, exception reports per owner,
 * draft invoice PDFs), in the formats asked for. The parts write into a staging folder next to the
 * target, and each finished file is then renamed into place (an atomic replace on one file system):
 * a reader never sees half a file, and a run killed while writing leaves the previous files intact; the
 * next attempt starts the staging folder afresh. Files from an earlier write that this one does not
 * produce are left as they are.
 */
@Service
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final List<RunReportPart> parts;
    private final ReportsFolder folder;

    ReportService(List<RunReportPart> parts, ReportsFolder folder) {
        this.parts = parts;
        this.folder = folder;
    }

    /** The documented folder of the run's reports: {@code <reports root>/run-<id>}. */
    public Path folderOf(long runId) {
        return folder.of(runId);
    }

    /** The run's documented folder when reports were written there, else null. */
    public Path existingFolderOf(long runId) {
        Path dir = folder.of(runId);
        return Files.isDirectory(dir) ? dir : null;
    }

    /** Every part in every format into the documented folder: what the report stage of a run does. */
    public List<Path> writeAll(long runId) throws IOException {
        return write(runId, folder.of(runId), EnumSet.allOf(ReportFormat.class), true);
    }

    /** The files written, in path order. */
    public List<Path> write(long runId, Path dir, Set<ReportFormat> formats) throws IOException {
        return write(runId, dir, formats, false);
    }

    private List<Path> write(long runId, Path dir, Set<ReportFormat> formats, boolean reportStage) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        if (target.getParent() == null) {
            throw new RefusedException("reports cannot be written to the root folder " + target);
        }
        Path staging = target.resolveSibling("." + target.getFileName() + ".partial");
        long started = System.nanoTime();
        deleteTree(staging);
        Files.createDirectories(staging);
        try {
            for (RunReportPart part : parts) {
                long partStarted = System.nanoTime();
                List<Path> files = reportStage ? part.writeInReportStage(runId, staging, formats) : part.write(runId, staging, formats);
                log.info("{}: {} files of run {} in {} ms", part.getClass().getSimpleName(), files.size(), runId,
                        (System.nanoTime() - partStarted) / 1_000_000);
            }
            List<Path> staged;
            try (Stream<Path> files = Files.walk(staging)) {
                staged = files.filter(Files::isRegularFile).sorted().toList();
            }
            List<Path> written = new ArrayList<>(staged.size());
            Files.createDirectories(target);
            for (Path file : staged) {
                Path destination = target.resolve(staging.relativize(file));
                Files.createDirectories(destination.getParent());
                Files.move(file, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(destination);
            }
            log.info("Wrote {} report files of run {} to {} in {} ms", written.size(), runId, target, (System.nanoTime() - started) / 1_000_000);
            return written;
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
