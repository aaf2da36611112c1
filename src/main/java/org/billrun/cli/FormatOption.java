package org.billrun.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The --format option of the commands that print a table, CSV or JSON, as picocli mixins: {@link Any}
 * for the commands that print all three, {@link TableOrJson} for those that print no CSV.
 */
final class FormatOption {

    private FormatOption() {}

    /** table, csv or json. */
    static class Any {
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json.")
        OutputFormat format;

        OutputFormat format() {
            return format;
        }
    }

    /** table or json: CSV is a usage error naming the command. */
    static class TableOrJson {
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json.")
        OutputFormat format;

        OutputFormat format() {
            if (format == OutputFormat.CSV) {
                throw new UsageException(command.name() + " prints table or json");
            }
            return format;
        }
    }
}
