package org.billrun.ingest;

/** The value kinds an input column can hold; {@link FieldParser} knows how to read each one. */
public enum ColumnType {
    ID("an id (letters, digits and -_.:/, at most 64 characters)"),
    TEXT("text"),
    ENUM("one of the listed values"),
    COUNTRY("an ISO 3166-1 alpha-2 country code such as DE"),
    CURRENCY("an ISO 4217 currency code such as EUR"),
    DATE("a date as yyyy-MM-dd"),
    TIMESTAMP("a timestamp as yyyy-MM-ddTHH:mm[:ss][offset]"),
    PERIOD("a period as yyyy-MM"),
    DECIMAL("a decimal number such as 12.5"),
    MONEY("an amount such as 1234.50"),
    HOURS("hours such as 7.5"),
    INTEGER("a whole number"),
    BOOLEAN("true or false");

    private final String expected;

    ColumnType(String expected) {
        this.expected = expected;
    }

    public String expected() {
        return expected;
    }
}
