package org.billrun.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.billrun.infra.InputFileException;
import org.junit.jupiter.api.Test;

class RowParserTests {

    private static final String[] EXPENSE_POLICY_HEADER = {"category", "currency", "limit_amount", "receipt_required_above", "reimbursable"};

    @Test
    void findsColumnsByNameInAnyOrderAndCaseAndIgnoresExtraColumns() {
        RowParser parser = RowParser.forHeader(SourceKind.EXPENSE_POLICIES,
                new String[] {"Reimbursable", "CURRENCY", "comment", "category"});

        ParsedRow row = parser.parse(CsvRecord.of(2, new String[] {"yes", "eur", "free text", "meals"}));

        assertThat(row).isInstanceOf(ParsedRow.Accepted.class);
        ParsedRow.Accepted accepted = (ParsedRow.Accepted) row;
        assertThat(accepted.recordKey()).isEqualTo("meals");
        assertThat(accepted.values()).containsExactly("meals", "EUR", null, null, "true");
    }

    private static final String[] CLIENT_HEADER_BEFORE_DELIVERY_CHANNEL = {"client_id", "name", "country", "currency", "customer_type",
            "tax_id", "bill_to_address", "payment_terms_days", "presentation", "time_annex", "email", "peppol_id", "post_code", "city"};

    private static String[] client(String... extra) {
        String[] values = {"C-ACME", "Acme", "FR", "EUR", "business", "", "", "30", "summary_by_role", "", "ap@acme.example",
                "9957:FR40123456789", "", ""};
        String[] all = java.util.Arrays.copyOf(values, values.length + extra.length);
        System.arraycopy(extra, 0, all, values.length, extra.length);
        return all;
    }

    @Test
    void aClientsExportWithoutTheDeliveryChannelColumnStillLoadsWithTheChannelEmpty() {
        RowParser parser = RowParser.forHeader(SourceKind.CLIENTS, CLIENT_HEADER_BEFORE_DELIVERY_CHANNEL);

        ParsedRow row = parser.parse(CsvRecord.of(2, client()));

        assertThat(row).isInstanceOf(ParsedRow.Accepted.class);
        java.util.List<String> values = java.util.Arrays.asList(((ParsedRow.Accepted) row).values());
        assertThat(values.get(values.size() - 1)).as("delivery_channel").isNull();
    }

    @Test
    void aClientsDeliveryChannelIsEmailPeppolOrBothAndAnythingElseIsRejectedNamingTheColumn() {
        String[] header = java.util.Arrays.copyOf(CLIENT_HEADER_BEFORE_DELIVERY_CHANNEL, CLIENT_HEADER_BEFORE_DELIVERY_CHANNEL.length + 1);
        header[header.length - 1] = "delivery_channel";
        RowParser parser = RowParser.forHeader(SourceKind.CLIENTS, header);

        ParsedRow both = parser.parse(CsvRecord.of(2, client("both")));
        ParsedRow fax = parser.parse(CsvRecord.of(3, client("fax")));

        assertThat(both).isInstanceOf(ParsedRow.Accepted.class);
        java.util.List<String> values = java.util.Arrays.asList(((ParsedRow.Accepted) both).values());
        assertThat(values.get(values.size() - 1)).isEqualTo("both");
        assertThat(fax).isInstanceOfSatisfying(ParsedRow.Rejected.class, r -> {
            assertThat(r.column()).isEqualTo("delivery_channel");
            assertThat(r.reason()).contains("email").contains("both");
        });
    }

    @Test
    void aDatabaseRowWithALoneSurrogateIsRejectedWithAStorableExcerptAsAFileRowWouldBe() {
        RowParser parser = RowParser.forQueryColumns(SourceKind.EXPENSE_POLICIES, EXPENSE_POLICY_HEADER);

        ParsedRow row = parser.parseColumns(7, new String[] {"meals", "EUR", "60", "25\uD800", "true"});

        assertThat(row).isEqualTo(new ParsedRow.Rejected(7, "meals", "receipt_required_above", "25\\uD800",
                "contains a lone UTF-16 surrogate (\\uD800) at position 3, half of a character; the export's text is damaged"));
    }

    @Test
    void aHeaderNameWithANulIsQuotedStorablyInTheMissingColumnMessage() {
        assertThatThrownBy(() -> RowParser.forHeader(SourceKind.EXPENSE_POLICIES, new String[] {"category", "curr\0ency"}))
                .isInstanceOf(InputFileException.class).hasMessageContaining("curr\\0ency").hasMessageNotContaining("\0");
    }

    @Test
    void ignoresAByteOrderMarkBeforeTheFirstColumnName() {
        String[] header = EXPENSE_POLICY_HEADER.clone();
        header[0] = "\uFEFF" + header[0];

        RowParser parser = RowParser.forHeader(SourceKind.EXPENSE_POLICIES, header);

        assertThat(parser.parse(CsvRecord.of(2, new String[] {"meals", "EUR", "60", "25", "true"})))
                .isInstanceOf(ParsedRow.Accepted.class);
    }

    @Test
    void stopsWithAClearMessageWhenARequiredColumnIsMissing() {
        assertThatThrownBy(() -> RowParser.forHeader(SourceKind.EXPENSE_POLICIES, new String[] {"category", "limit_amount"}))
                .isInstanceOf(InputFileException.class)
                .hasMessageContaining("expense_policies.csv")
                .hasMessageContaining("required column 'currency'");
    }

    @Test
    void refusesAHeaderThatNamesAColumnTwice() {
        assertThatThrownBy(() -> RowParser.forHeader(SourceKind.EXPENSE_POLICIES,
                new String[] {"category", "currency", "Currency", "reimbursable"}))
                .isInstanceOf(InputFileException.class).hasMessageContaining("appears twice");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfFields() {
        RowParser parser = RowParser.forHeader(SourceKind.EXPENSE_POLICIES, EXPENSE_POLICY_HEADER);

        ParsedRow row = parser.parse(CsvRecord.of(7, new String[] {"meals", "EUR", "60", "25", "true", "surplus"}));

        assertThat(row).isInstanceOfSatisfying(ParsedRow.Rejected.class, r -> {
            assertThat(r.lineNo()).isEqualTo(7);
            assertThat(r.reason()).contains("expected 5 fields as in the header, found 6");
        });
    }

    @Test
    void namesTheColumnAndTheValueOfTheFirstBadField() {
        RowParser parser = RowParser.forHeader(SourceKind.EXPENSE_POLICIES, EXPENSE_POLICY_HEADER);

        ParsedRow row = parser.parse(CsvRecord.of(3, new String[] {"meals", "EUR", "60,00", "25", "true"}));

        assertThat(row).isInstanceOfSatisfying(ParsedRow.Rejected.class, r -> {
            assertThat(r.column()).isEqualTo("limit_amount");
            assertThat(r.valueExcerpt()).isEqualTo("60,00");
            assertThat(r.reason()).contains("decimal separator");
        });
    }

    @Test
    void turnsAnUnsplittableLineIntoARejectionOfThatLine() {
        RowParser parser = RowParser.forHeader(SourceKind.EXPENSE_POLICIES, EXPENSE_POLICY_HEADER);

        ParsedRow row = parser.parse(CsvRecord.malformed(9, "a quoted field opened on this line is never closed"));

        assertThat(row).isInstanceOfSatisfying(ParsedRow.Rejected.class, r -> assertThat(r.lineNo()).isEqualTo(9));
    }

    @Test
    void joinsCompositeKeysWithASlash() {
        RowParser parser = RowParser.forHeader(SourceKind.FX_RATES, new String[] {"from_currency", "to_currency", "rate_date", "rate"});

        ParsedRow row = parser.parse(CsvRecord.of(2, new String[] {"USD", "EUR", "2026-10-01", "0.92"}));

        assertThat(((ParsedRow.Accepted) row).recordKey()).isEqualTo("USD/EUR/2026-10-01");
    }

    @Test
    void aRejectedRowCarriesItsRecordIdWhenItsKeyFieldsCanBeRead() {
        RowParser parser = RowParser.forHeader(SourceKind.FX_RATES, new String[] {"from_currency", "to_currency", "rate_date", "rate"});

        ParsedRow badRate = parser.parse(CsvRecord.of(4, new String[] {"usd", "EUR", "2026-10-01", "0,92"}));
        ParsedRow badKey = parser.parse(CsvRecord.of(5, new String[] {"USD", "EUX", "2026-10-01", "0,92"}));

        assertThat(((ParsedRow.Rejected) badRate).recordKey()).as("in canonical form").isEqualTo("USD/EUR/2026-10-01");
        assertThat(((ParsedRow.Rejected) badKey).recordKey()).as("only the line can point at it").isNull();
    }

    @Test
    void checksAQuerysRowLikeAFileRowAndNamesTheQueryWhenAColumnIsMissing() {
        RowParser parser = RowParser.forQueryColumns(SourceKind.EXPENSE_POLICIES,
                new String[] {"CATEGORY", "currency", "reimbursable", "psa_row_id"});

        assertThat(parser.parseColumns(1, new String[] {"meals", "eur", null, null, "yes"}))
                .isInstanceOfSatisfying(ParsedRow.Accepted.class, r -> assertThat(r.values()).containsExactly("meals", "EUR", null, null, "true"));
        assertThat(parser.parseColumns(2, new String[] {"hotel", "EUR", "1.000,00", null, "true"}))
                .isInstanceOfSatisfying(ParsedRow.Rejected.class, r -> {
                    assertThat(r.recordKey()).isEqualTo("hotel");
                    assertThat(r.lineNo()).isEqualTo(2);
                    assertThat(r.reason()).isEqualTo("expected an amount such as 1234.50 with '.' as decimal separator and no"
                            + " thousands separator, got '1.000,00' (thousands separators are not allowed)");
                });
        assertThatThrownBy(() -> RowParser.forQueryColumns(SourceKind.EXPENSE_POLICIES, new String[] {"category"}))
                .isInstanceOf(InputFileException.class)
                .hasMessage("expense_policies query: required column 'currency' is missing from its result columns (found: category);"
                        + " see docs/input-formats.md");
    }
}
