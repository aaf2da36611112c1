package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldParserTests {

    private static final ColumnSpec HOURS = ColumnSpec.of("hours", ColumnType.HOURS, true).above("0").atMost("24");
    private static final ColumnSpec AMOUNT = ColumnSpec.of("amount", ColumnType.MONEY, true).above("0");
    private static final ColumnSpec OPTIONAL_DATE = ColumnSpec.of("end_date", ColumnType.DATE, false);

    @Nested
    class Numbers {
        @ParameterizedTest
        @CsvSource({"7.5,7.5", "8,8", "0.25,0.25", "' 7.50 ',7.50", "+3,3"})
        void acceptsPlainDecimalsWithADot(String raw, String canonical) throws FieldException {
            assertThat(FieldParser.parse(HOURS, raw)).isEqualTo(canonical);
        }

        @Test
        void rejectsACommaDecimalSeparatorAndSaysSo() {
            assertThatThrownBy(() -> FieldParser.parse(HOURS, "7,5"))
                    .hasMessageContaining("'.' as decimal separator").hasMessageContaining("comma used as decimal separator");
        }

        @ParameterizedTest
        @CsvSource(delimiter = ';', value = {"1,234.50", "1.234,50", "1 234.50", "1'234.50"})
        void rejectsThousandsSeparators(String raw) {
            assertThatThrownBy(() -> FieldParser.parse(AMOUNT, raw)).hasMessageContaining("thousands separators are not allowed");
        }

        @ParameterizedTest
        @CsvSource({"-2,greater than 0", "0,greater than 0", "25,at most 24", "7.125,at most 2 decimals", "abc,expected hours"})
        void rejectsHoursOutsideTheirBounds(String raw, String message) {
            assertThatThrownBy(() -> FieldParser.parse(HOURS, raw)).hasMessageContaining(message);
        }

        @Test
        void rejectsAbsurdlyLongNumbers() {
            assertThatThrownBy(() -> FieldParser.parse(AMOUNT, "1".repeat(40))).isInstanceOf(FieldException.class);
        }

        @Test
        void keepsTheExactDecimalNeverADouble() throws FieldException {
            assertThat(FieldParser.parse(AMOUNT, "0.1000")).isEqualTo("0.1000");
            assertThat(FieldParser.parse(AMOUNT, "12345678901234.5678")).isEqualTo("12345678901234.5678");
        }
    }

    @Nested
    class DatesAndTimes {
        @Test
        void acceptsIsoDates() throws FieldException {
            assertThat(FieldParser.parse(OPTIONAL_DATE, "2026-10-07")).isEqualTo("2026-10-07");
        }

        @ParameterizedTest
        @CsvSource({"07.10.2026,expected a date as yyyy-MM-dd", "2026-13-40,not a calendar date", "2026-02-30,not a calendar date"})
        void rejectsOtherDateShapesAndImpossibleDates(String raw, String message) {
            assertThatThrownBy(() -> FieldParser.parse(OPTIONAL_DATE, raw)).hasMessageContaining(message);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"2026-10-05T10:00:00", "2026-10-05 10:00", "2026-10-05Z", "2026-10-0512", "2026-10-05+02:00"})
        void rejectsADateWithATimeOrAnythingElseAfterItInEveryDateColumnOfEveryInput(String raw) throws FieldException {
            int dateColumns = 0;
            for (SourceKind kind : SourceKind.values()) {
                for (ColumnSpec column : kind.columns()) {
                    if (column.type() == ColumnType.DATE) {
                        dateColumns++;
                        assertThatThrownBy(() -> FieldParser.parse(column, raw)).as(kind + "." + column.name())
                                .isInstanceOf(FieldException.class)
                                .hasMessage("expected a date as yyyy-MM-dd and nothing after it, got '" + raw
                                        + "' (a date with a time or other text after it)");
                        assertThat(FieldParser.parse(column, "2026-10-05")).isEqualTo("2026-10-05");
                    }
                }
            }
            assertThat(dateColumns).as("work_date, expense_date, start and end dates, ...").isGreaterThan(5);
        }

        @Test
        void readsTimestampsWithoutOffsetAsUtc() throws FieldException {
            ColumnSpec submitted = ColumnSpec.of("submitted_at", ColumnType.TIMESTAMP, false);
            assertThat(FieldParser.parse(submitted, "2026-11-02T09:30")).isEqualTo("2026-11-02T09:30Z");
            assertThat(FieldParser.parse(submitted, "2026-11-02T09:30:00+01:00")).isEqualTo("2026-11-02T09:30+01:00");
        }

        @Test
        void keepsUtcTimestampsWithSecondsAsWritten() throws FieldException {
            ColumnSpec submitted = ColumnSpec.of("submitted_at", ColumnType.TIMESTAMP, false);
            assertThat(FieldParser.parse(submitted, "2026-11-02T00:00:00Z")).isEqualTo("2026-11-02T00:00:00Z");
            assertThat(FieldParser.parse(submitted, "2026-11-02T23:59:59Z")).isEqualTo("2026-11-02T23:59:59Z");
        }

        @ParameterizedTest
        @CsvSource({"2026-11-02T24:00:00Z,expected a timestamp", "2026-11-02T09:60:00Z,expected a timestamp",
                "2026-11-02T09:30:60Z,expected a timestamp", "2026-11-02T09:3x:00Z,expected a timestamp",
                "2026-11-02T09-30-00Z,expected a timestamp", "2026-02-30T09:30:00Z,not a calendar date"})
        void rejectsImpossibleTimesOfDayAsARowNotAnError(String raw, String message) {
            ColumnSpec submitted = ColumnSpec.of("submitted_at", ColumnType.TIMESTAMP, false);
            assertThatThrownBy(() -> FieldParser.parse(submitted, raw)).isInstanceOf(FieldException.class).hasMessageContaining(message);
        }

        @Test
        void treatsAnEmptyOptionalValueAsNull() throws FieldException {
            assertThat(FieldParser.parse(OPTIONAL_DATE, "  ")).isNull();
        }
    }

    @Nested
    class CodesAndText {
        @Test
        void acceptsKnownCurrenciesAndCountriesInAnyCase() throws FieldException {
            assertThat(FieldParser.parse(ColumnSpec.of("currency", ColumnType.CURRENCY, true), "eur")).isEqualTo("EUR");
            assertThat(FieldParser.parse(ColumnSpec.of("country", ColumnType.COUNTRY, true), "fr")).isEqualTo("FR");
        }

        @Test
        void rejectsUnknownCurrencyCodes() {
            assertThatThrownBy(() -> FieldParser.parse(ColumnSpec.of("currency", ColumnType.CURRENCY, true), "EUX"))
                    .hasMessageContaining("ISO 4217").hasMessageContaining("EUX");
        }

        @Test
        void matchesEnumValuesCaseInsensitivelyAndListsTheAllowedOnes() throws FieldException {
            ColumnSpec status = ColumnSpec.oneOf("approval_status", true, "draft", "submitted", "approved", "rejected");
            assertThat(FieldParser.parse(status, "APPROVED")).isEqualTo("approved");
            assertThatThrownBy(() -> FieldParser.parse(status, "aproved"))
                    .hasMessageContaining("expected one of draft, submitted, approved, rejected").hasMessageContaining("aproved");
        }

        @Test
        void rejectsAMissingRequiredValue() {
            assertThatThrownBy(() -> FieldParser.parse(HOURS, "")).hasMessageContaining("a value is required");
        }

        @Test
        void rejectsOversizedTextAndCountsCharactersNotBytes() throws FieldException {
            ColumnSpec name = ColumnSpec.text("name", 5, true);
            assertThat(FieldParser.parse(name, "王芳王芳王")).isEqualTo("王芳王芳王");
            assertThatThrownBy(() -> FieldParser.parse(name, "x".repeat(100_000))).hasMessageContaining("at most 5 characters, this one has 100000");
        }

        @Test
        void keepsFormulaLookingTextAsText() throws FieldException {
            assertThat(FieldParser.parse(ColumnSpec.text("description", 2000, false), "=HYPERLINK(\"http://x\")"))
                    .isEqualTo("=HYPERLINK(\"http://x\")");
        }

        @Test
        void rejectsBytesThatWereNotValidUtf8() {
            assertThatThrownBy(() -> FieldParser.parse(ColumnSpec.text("description", 2000, false), "caf\uFFFD"))
                    .hasMessageContaining("not valid UTF-8");
        }

        @Test
        void rejectsIdsWithSpacesOrOddCharacters() {
            assertThatThrownBy(() -> FieldParser.parse(ColumnSpec.of("entry_id", ColumnType.ID, true), "T 1;DROP"))
                    .hasMessageContaining("expected an id");
        }

        @ParameterizedTest
        @CsvSource({"true,true", "Yes,true", "1,true", "N,false", "FALSE,false"})
        void readsTheUsualBooleanSpellings(String raw, String canonical) throws FieldException {
            assertThat(FieldParser.parse(ColumnSpec.of("billable", ColumnType.BOOLEAN, true), raw)).isEqualTo(canonical);
        }

        @ParameterizedTest
        @CsvSource({"description,TEXT", "hours,HOURS", "entry_id,ID", "work_date,DATE", "currency,CURRENCY", "billable,BOOLEAN"})
        void rejectsANulCharacterInAFieldOfAnyTypeNamingItsPosition(String column, ColumnType type) {
            assertThatThrownBy(() -> FieldParser.parse(ColumnSpec.of(column, type, true), "ab\0c"))
                    .hasMessage("contains a NUL character (byte 0x00) at position 3, which a text value cannot hold; remove it from the export");
        }

        @Test
        void rejectsALoneSurrogateButKeepsCharactersOutsideTheBasicPlane() throws FieldException {
            ColumnSpec description = ColumnSpec.text("description", 2000, false);

            assertThatThrownBy(() -> FieldParser.parse(description, "caf\uD83D!"))
                    .hasMessage("contains a lone UTF-16 surrogate (\\uD83D) at position 4, half of a character; the export's text is damaged");
            assertThatThrownBy(() -> FieldParser.parse(description, "\uDE00 tail")).hasMessageContaining("lone UTF-16 surrogate (\\uDE00)");
            assertThat(FieldParser.parse(description, "launch \uD83D\uDE80 day")).isEqualTo("launch \uD83D\uDE80 day");
        }

        @Test
        void excerptsWriteWhatPostgresqlCannotStoreAsEscapes() {
            assertThat(FieldParser.excerpt("a\0b")).isEqualTo("a\\0b");
            assertThat(FieldParser.excerpt("x\uD800y\uD83D\uDE80")).isEqualTo("x\\uD800y\uD83D\uDE80");
            assertThat(FieldParser.excerpt("x".repeat(39) + "\uD83D\uDE80" + "y".repeat(10)))
                    .as("a pair is never cut in two").isEqualTo("x".repeat(39) + "…(51 chars)");
        }

        @Test
        void shortensLongOrMultiLineValuesInExcerpts() {
            assertThat(FieldParser.excerpt("a\nb")).isEqualTo("a\\nb");
            assertThat(FieldParser.excerpt("x".repeat(100))).endsWith("…(100 chars)");
        }
    }

    @Test
    void acceptsExactlyTheDatesLocalDateAccepts() {
        for (int year : new int[] {0, 4, 100, 400, 1900, 1999, 2000, 2024, 2025, 2026, 2100, 2400, 9999}) {
            for (int month = 0; month <= 19; month++) {
                for (int day = 0; day <= 39; day++) {
                    String date = String.format("%04d-%02d-%02d", year, month, day);
                    boolean valid;
                    try {
                        java.time.LocalDate.of(year, month, day);
                        valid = true;
                    } catch (java.time.DateTimeException e) {
                        valid = false;
                    }
                    if (valid) {
                        assertThat(parses(OPTIONAL_DATE, date)).as(date).isTrue();
                        assertThat(parses(TIMESTAMP, date + "T09:30:00Z")).as(date).isTrue();
                    } else {
                        assertThatThrownBy(() -> FieldParser.parse(OPTIONAL_DATE, date)).as(date)
                                .hasMessage("'" + date + "' is not a calendar date");
                        assertThatThrownBy(() -> FieldParser.parse(TIMESTAMP, date + "T09:30:00Z")).as(date)
                                .hasMessage("'" + date + "' is not a calendar date");
                    }
                }
            }
        }
    }

    private static final ColumnSpec TIMESTAMP = ColumnSpec.of("submitted_at", ColumnType.TIMESTAMP, false);

    private static boolean parses(ColumnSpec spec, String raw) {
        try {
            return FieldParser.parse(spec, raw) != null;
        } catch (FieldException e) {
            return false;
        }
    }
}
