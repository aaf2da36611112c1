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
    void rowsWithoutAnIdAreKnownByTheFilesDigestAndLine() throws IOException {
        InboundFile.Parsed parsed = csv("kind,invoice,amount,date\npayment,NWDE-2026-000001,100.00,2026-11-03\n");

        assertThat(parsed.rows().get(0).importKey()).isEqualTo("sha256:abc123:2");
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
