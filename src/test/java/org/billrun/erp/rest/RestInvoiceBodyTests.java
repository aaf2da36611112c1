package org.billrun.erp.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The JSON the REST adapter sends and the JSON Schema published in docs/ describe the same document. */
class RestInvoiceBodyTests {

    private static final Path SCHEMA = Path.of("docs", "erp-rest-invoice.schema.json");

    @Test
    void theSchemaNamesExactlyTheFieldsTheAdapterWritesAtEveryLevel() throws Exception {
        JsonNode schema = RestErpJson.MAPPER.readTree(Files.readString(SCHEMA));
        JsonNode properties = schema.get("properties");

        assertThat(names(properties)).containsExactlyElementsOf(components(RestInvoiceBody.class));
        assertThat(names(properties.at("/customer/properties"))).containsExactlyElementsOf(
                components(RestInvoiceBody.Customer.class));
        assertThat(names(properties.at("/lines/items/properties"))).containsExactlyElementsOf(
                components(RestInvoiceBody.Line.class));
        assertThat(names(properties.at("/totals/properties"))).containsExactlyElementsOf(
                components(RestInvoiceBody.Totals.class));
        assertThat(names(properties.at("/attachments/properties"))).containsExactlyElementsOf(
                components(RestInvoiceBody.Attachments.class));
        assertThat(properties.at("/schema/const").asString()).isEqualTo(RestInvoiceBody.SCHEMA);
    }

    @Test
    void aSentInvoiceHasEveryRequiredFieldAndItsAmountsAndDatesMatchTheSchemasPatterns() throws Exception {
        JsonNode schema = RestErpJson.MAPPER.readTree(Files.readString(SCHEMA));
        JsonNode body = RestErpJson.MAPPER.readTree(RestErpJson.MAPPER.writeValueAsBytes(
                RestInvoiceBody.of(RestErpFixtures.invoice())));
        Pattern amount = Pattern.compile(schema.at("/$defs/amount/pattern").asString());
        Pattern date = Pattern.compile(schema.at("/$defs/date/pattern").asString());

        schema.get("required").forEach(field -> assertThat(body.hasNonNull(field.asString())).as(field.asString()).isTrue());
        List<String> amounts = new ArrayList<>(List.of(body.at("/totals/net").asString(), body.at("/totals/tax").asString(),
                body.at("/totals/gross").asString()));
        body.get("lines").forEach(line -> List.of("quantity", "unitPrice", "net", "taxRate", "tax")
                .forEach(field -> amounts.add(line.get(field).asString())));
        assertThat(amounts).hasSize(13).allMatch(a -> amount.matcher(a).matches());
        assertThat(Map.of("issueDate", body.get("issueDate").asString(), "dueDate", body.get("dueDate").asString()))
                .allSatisfy((field, value) -> assertThat(value).matches(date));
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
    }
}
