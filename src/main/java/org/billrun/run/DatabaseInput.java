package org.billrun.run;

import java.nio.file.Path;

/**
 * A run's input read from a database rather than a folder: the JDBC URL (without credentials) and
 * the run definition that holds the queries. The ingest stage reads the queries from that file on
 * every attempt, so a restart notices when they were edited.
 */
public record DatabaseInput(String url, Path definition) {}
