package org.billrun.report;

import java.io.OutputStream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run report as JSON for machines: the record tree as it is, fields in declaration order, amounts as
 * exact decimal strings. The same run gives the same bytes apart from "generatedAt".
 */
final class RunReportJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RunReportJson() {}

    static void write(RunReport report, OutputStream out) {
        JSON.writeValue(out, report);
    }
}
