package org.billrun.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.billrun.infra.Actor;
import org.billrun.infra.InputFileException;
import org.billrun.infra.InputPaths;
import org.billrun.infra.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * First step of every run attempt: checks that every input file is there with its required columns,
 * and records each file's SHA-256, size and line count against the run. On a restart the files must
 * be the ones the first attempt saw; a changed checksum stops the restart. A run that reads a database
 * registers its queries instead ({@link QuerySourceRegistrar}), under the same rule.
 */
class SourceRegistrar implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(SourceRegistrar.class);

    private final JdbcClient jdbc;
    private final SourceFileRows sources;
    private final QuerySourceRegistrar queries;
    private final long rowsPerPart;
    private final Actor actor;

    SourceRegistrar(JdbcClient jdbc, SourceConnections connections, long rowsPerPart, Actor actor) {
        this.jdbc = jdbc;
        this.sources = new SourceFileRows(jdbc);
        this.queries = new QuerySourceRegistrar(jdbc, sources, connections);
        this.rowsPerPart = rowsPerPart;
        this.actor = actor;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        long runId = jobExecution.getJobInstance().getInstanceId();
        RunParameters run = RunParameters.from(jobExecution.getJobParameters());
        if (run.readsDatabase()) {
            recordRun(runId, run);
            refuseIfChanged(runId, queries.register(runId, run), "Abandon the run (billrun abandon " + runId
                    + ") and start a new one, which reads the database as it is now");
            return RepeatStatus.FINISHED;
        }
        Path inputDir = Path.of(run.inputDir());
        InputPaths.unusableFolder(inputDir).ifPresent(why -> {
            throw new InputFileException("input folder " + inputDir + " " + why);
        });
        recordRun(runId, run);
        Map<SourceKind, Path> present = new EnumMap<>(SourceKind.class);
        List<String> changed = new ArrayList<>();
        for (SourceKind kind : SourceKind.values()) {
            Path file = inputDir.resolve(kind.fileName());
            InputPaths.unusableFile(file).ifPresent(why -> {
                throw new InputFileException(kind.fileName() + " in " + inputDir + " " + why);
            });
            if (Files.isRegularFile(file)) {
                RowParser.forHeader(kind, SourceFiles.readHeader(kind, file)); // a missing required column stops the run here
                present.put(kind, file);
            } else if (kind.optionalFile()) {
                if (!sources.registerAbsent(runId, kind, kind.fileName(), file.toAbsolutePath().toString(), "file")) {
                    changed.add(kind.fileName() + " (there on the first attempt, gone now)");
                }
            } else {
                throw new InputFileException(kind.fileName() + " is missing from " + inputDir
                        + " (every input file is required, if only as a header line; see docs/input-formats.md)");
            }
        }
        Map<SourceKind, SourceFiles.Fingerprint> prints = SourceFiles.fingerprints(present, rowsPerPart);
        for (Map.Entry<SourceKind, SourceFiles.Fingerprint> entry : prints.entrySet()) {
            SourceKind kind = entry.getKey();
            SourceFiles.Fingerprint print = entry.getValue();
            Optional<String> recorded = jdbc.sql("SELECT coalesce(sha256, 'absent') FROM source_file WHERE run_id = ? AND kind = ?")
                    .params(runId, kind.name()).query(String.class).optional();
            if (recorded.isEmpty()) {
                Long sameAs = sources.lastMergedWithChecksum(kind, print.sha256());
                long sourceFileId = jdbc.sql("""
                        INSERT INTO source_file (run_id, kind, file_name, path, present, sha256, size_bytes, estimated_rows,
                                                 same_as_source_file_id)
                        VALUES (?, ?, ?, ?, true, ?, ?, ?, ?) RETURNING source_file_id""")
                        .params(runId, kind.name(), kind.fileName(), present.get(kind).toAbsolutePath().toString(),
                                print.sha256(), print.sizeBytes(), sameAs == null ? Math.max(0, print.lines() - 1) : 0, sameAs)
                        .query(Long.class).single();
                if (sameAs == null) {
                    registerParts(sourceFileId, print.cuts(), print.sizeBytes());
                }
            } else if (recorded.get().equals("absent")) {
                changed.add(kind.fileName() + " (absent on the first attempt, there now)");
            } else if (!recorded.get().equals(print.sha256())) {
                changed.add(kind.fileName() + " (SHA-256 was " + recorded.get().substring(0, 12) + "…, now "
                        + print.sha256().substring(0, 12) + "…)");
            }
        }
        refuseIfChanged(runId, changed, "Put the original files back, or abandon the run (billrun abandon " + runId
                + ") and start a new one");
        log.info("Run {}: {} input files registered from {}", runId, SourceKind.values().length, inputDir);
        return RepeatStatus.FINISHED;
    }

    /**
     * A restart must see the input its first attempt saw: the rows already loaded came from it, and
     * the run's outcome must be that of one reading. A changed file or query result stops it here.
     */
    private static void refuseIfChanged(long runId, List<String> changed, String whatToDo) {
        if (!changed.isEmpty()) {
            throw new InputFileException("input changed since run " + runId + " first started, so it cannot be resumed: "
                    + String.join(", ", changed) + ". " + whatToDo);
        }
    }

    private void recordRun(long runId, RunParameters run) {
        jdbc.sql("""
                INSERT INTO billing_run (run_id, period, scope, run_number, definition, input_dir, until_stage, preparer)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING""")
                .params(runId, run.period().toString(), run.scope(), run.runNumber(), run.definition(), run.inputDir(),
                        run.until().label(), actor.name())
                .update();
    }

    /** Each cut starts a part that runs to the line before the next cut; the last part runs to the end. */
    private void registerParts(long sourceFileId, List<RecordBoundaryScanner.Cut> cuts, long sizeBytes) {
        if (cuts.isEmpty()) { // a header and nothing after it
            cuts = List.of(new RecordBoundaryScanner.Cut(2, sizeBytes));
        }
        for (int part = 0; part < cuts.size(); part++) {
            Long last = part + 1 < cuts.size() ? cuts.get(part + 1).line() - 1 : null;
            jdbc.sql("""
                    INSERT INTO source_file_part (source_file_id, part_no, first_line, first_byte, last_line)
                    VALUES (?, ?, ?, ?, ?)""")
                    .params(sourceFileId, part + 1, cuts.get(part).line(), cuts.get(part).offset(), last).update();
        }
    }
}
