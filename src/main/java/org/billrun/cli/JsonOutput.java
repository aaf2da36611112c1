package org.billrun.cli;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON every --format json prints: one indented document on stdout. */
final class JsonOutput {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonOutput() {}

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }
}
