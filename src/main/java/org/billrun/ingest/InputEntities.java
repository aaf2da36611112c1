package org.billrun.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.billrun.infra.InputFileException;
import org.springframework.stereotype.Component;

/**
 * The legal entities a run's input names before it is loaded: the entity ids of entities.csv in the
 * input folder, or of a database source's entities query. A run's scope is checked against them (and
 * against the entities loaded before) so that an unknown entity is refused before a run starts. Empty
 * when the input cannot say (no entities.csv, a header without entity_id, a query that fails): then
 * registration stops the run with the reason, as it always has.
 */
@Component
public class InputEntities {

    private final SourceConnections connections;

    InputEntities(SourceConnections connections) {
        this.connections = connections;
    }

    /** The ids of the rows of {@code inputDir}/entities.csv that ingest would accept. */
    public Optional<Set<String>> inFolder(Path inputDir) {
        Path file = inputDir.resolve(SourceKind.ENTITIES.fileName());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (CsvRecordReader records = new CsvRecordReader(SourceFiles.openBytes(file, 0))) {
            CsvRecord header = records.next();
            if (header == null || header.isMalformed()) {
                return Optional.empty();
            }
            RowParser parser = RowParser.forHeader(SourceKind.ENTITIES, header.fields());
            Set<String> ids = new TreeSet<>();
            for (CsvRecord record = records.next(); record != null; record = records.next()) {
                if (parser.parse(record) instanceof ParsedRow.Accepted accepted) {
                    ids.add(accepted.recordKey());
                }
            }
            return Optional.of(ids);
        } catch (IOException | InputFileException e) {
            return Optional.empty();
        }
    }

    /** The entity_id values of the entities query of the database source that {@code definitionFile} names. */
    public Optional<Set<String>> inDatabase(Path definitionFile) {
        try {
            DatabaseSource source = DatabaseSource.load(definitionFile);
            String query = source.queries().get(SourceKind.ENTITIES);
            if (query == null) {
                return Optional.empty();
            }
            try (Connection connection = connections.open(source.url()); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(query)) {
                int column = rows.findColumn("entity_id");
                Set<String> ids = new TreeSet<>();
                while (rows.next()) {
                    String id = rows.getString(column);
                    if (id != null && !id.isBlank()) {
                        ids.add(id.strip());
                    }
                }
                return Optional.of(ids);
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
