package org.billrun.run;

import java.nio.file.Path;
import java.time.YearMonth;

/** What the user asked for: bring this period and scope up to the given stage from this input. */
public record RunRequest(YearMonth period, String scope, Path inputDir, Stage until, String definition) {}
