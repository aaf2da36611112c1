package org.billrun.cli;

/** How results are printed on stdout. */
enum OutputFormat {
    TABLE, JSON, CSV
}
