package org.billrun.ingest;

import java.nio.file.Path;

/**
 * One part of one input file, as registered in source_file_part: the records starting on lines
 * {@code firstLine..lastLine} (line {@code firstLine} starts at byte {@code firstByte}). A load
 * partition reads one large part, or several small ones one after the other.
 */
public record SourcePart(long partId, long sourceFileId, SourceKind kind, Path path, long firstLine, long firstByte, long lastLine) {}
