package org.billrun.events.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class InboundFileTests {

    private static InboundFile.Parsed csv(String text) throws IOException {
        return InboundFile.parse("payments.csv", "abc123", text, "bank");
    }

    @Test
    void aCsvWithAByteOrderMarkBlankLinesAndColumnsInAnyOrderIsRead() throws IOException {
        InboundFile.Parsed parsed = csv("\uFEFFInvoice Number,Amount,kind,ID,date,currency\r\n\r\n"
                + "NWDE-2026-000001,\"1.234,56\",payment,P-1,2026-11-03,EUR\r\n"
                + "   \r\n"
                + "NWGB-2026-000002,500, dispute ,D-9,2026-11-04,\r\n");

        assertThat(parsed.rows()).hasSize(2);
        InboundRow first = parsed.rows().get(0);
        assertThat(first.invoice()).isEqualTo("NWDE-2026-000001");
        assertThat(first.amount()).isEqualTo("1.234,56");
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.where()).isEqualTo("line 3");
        assertThat(first.importKey()).isEqualTo("bank:payment:P-1");
        assertThat(parsed.rows().get(1).importKey()).as("the kind is part of the key").isEqualTo("bank:dispute:D-9");
        assertThat(parsed.rows().get(1).where()).isEqualTo("line 5");
        assertThat(parsed.rows().get(1).currency()).isNull();
        assertThat(parsed.rowsRead()).isEqualTo(2);
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void semicolonsSeparateWhenTheHeaderUsesThem() throws IOException {
        InboundFile.Parsed parsed = csv("kind;invoice;amount;date\npayment;NWFR-2026-000001;99,50;2026-11-03\n");

        assertThat(parsed.rows()).singleElement().satisfies(r -> assertThat(r.amount()).isEqualTo("99,50"));
    }

    @Test
    void aRowRepeatedWithTheSameIdAndContentCountsOnceAndOneWithOtherContentIsAProblem() throws IOException {
        InboundFile.Parsed parsed = csv("kind,id,invoice,amount,date\n"
                + "payment,P-1,NWDE-2026-000001,100.00,2026-11-03\n"
                + "payment,P-1,NWDE-2026-000001,100.00,2026-11-03\n"
                + "payment,P-1,NWDE-2026-000001,900.00,2026-11-03\n");

        assertThat(parsed.rows()).hasSize(1);
        assertThat(parsed.duplicates()).isEqualTo(1);
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(InboundRule.CONFLICTING_DUPLICATE);
            assertThat(p.message()).contains("line 4", "P-1", "line 2");
        });
    }

    @Test
    void aRowWithoutAnIdIsKnownByItsContentWhereverItStandsInTheFile() throws IOException {
        String header = "kind,invoice,amount,currency,date,reference\n";
        String first = "payment,NWDE-2026-000001,100.00,EUR,2026-11-03,SEPA 1\n";
        String second = "payment,NWDE-2026-000002,1 190.00,EUR,2026-11-04,SEPA 2\n";
        InboundFile.Parsed export = InboundFile.parse("bank.csv", "digest-1", header + first + second, "bank");
        InboundFile.Parsed reExport = InboundFile.parse("bank.csv", "digest-2", header
                + "payment,NWDE-2026-000003,50.00,EUR,2026-11-05,SEPA 3\n" + second.replace("1 190.00", "1190.00")
                + first.replace("100.00", "100.01"), "bank");

        assertThat(export.rows().get(0).importKey()).startsWith("bank:content:").endsWith(":1").doesNotContain("digest");
        assertThat(reExport.rows().get(1).importKey()).as("the unchanged row, moved and its amount written without the space")
                .isEqualTo(export.rows().get(1).importKey());
        assertThat(reExport.rows().get(2).importKey()).as("the changed row").isNotEqualTo(export.rows().get(0).importKey());
        assertThat(InboundFile.parse("bank.csv", "d", header + first, "other-bank").rows().get(0).importKey())
                .as("another source").isNotEqualTo(export.rows().get(0).importKey());
    }

    @Test
    void twoEqualRowsWithoutAnIdAreTwoPaymentsKnownByTheirOccurrence() throws IOException {
        InboundFile.Parsed parsed = csv("kind,invoice,amount,date\n"
                + "payment,NWDE-2026-000001,100.00,2026-11-03\n"
                + "payment,NWDE-2026-000001,100.00,2026-11-03\n");

        assertThat(parsed.rows()).extracting(InboundRow::importKey).hasSize(2).doesNotHaveDuplicates()
                .allMatch(key -> key.matches("bank:content:[0-9a-f]{64}:[12]"));
        assertThat(parsed.duplicates()).isZero();
    }

    @Test
    void jsonIsAnArrayOrAnObjectWithEventsAndNumbersKeepTheirDecimals() throws IOException {
        String records = "[{\"kind\":\"payment\",\"id\":\"P-7\",\"invoice\":\"NWDE-2026-000001\",\"amount\":1234.50,\"currency\":\"eur\","
                + "\"date\":\"2026-11-03\",\"reference\":null}, 42]";

        InboundFile.Parsed array = InboundFile.parse("p.json", "d", "\uFEFF" + records, "crm");
        InboundFile.Parsed wrapped = InboundFile.parse("p.json", "d", "{\"events\": " + records + "}", "crm");

        for (InboundFile.Parsed parsed : java.util.List.of(array, wrapped)) {
            assertThat(parsed.rows()).singleElement().satisfies(r -> {
                assertThat(r.amount()).isEqualTo("1234.50");
                assertThat(r.currency()).isEqualTo("EUR");
                assertThat(r.reference()).isNull();
                assertThat(r.where()).isEqualTo("record 1");
            });
            assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("record 2 is not an object"));
        }
    }

    @Test
    void aFileThatIsNotJsonIsOneProblemNotACrash() throws IOException {
        InboundFile.Parsed parsed = InboundFile.parse("p.json", "d", "[{\"kind\": ", "crm");

        assertThat(parsed.rows()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.rule()).isEqualTo(InboundRule.BAD_ROW);
            assertThat(p.message()).startsWith("the file is not JSON");
        });
    }
}
