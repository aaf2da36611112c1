package org.billrun.validate;

/** The run's input as its job parameter names it: a folder's absolute path, or a database's JDBC URL (a job-scoped bean). */
public class RunInput {

    private final String input;

    RunInput(String input) {
        this.input = input;
    }

    public String value() {
        return input;
    }
}
