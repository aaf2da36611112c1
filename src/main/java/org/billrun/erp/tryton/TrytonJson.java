package org.billrun.erp.tryton;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tryton's JSON-RPC types. Numeric fields (prices, amounts) travel as
 * {@code {"__class__": "Decimal", "decimal": "150.00"}} and dates as
 * {@code {"__class__": "date", "year": 2026, "month": 10, "day": 31}}; Float fields (an invoice line's
 * quantity) are plain JSON numbers. Answers are read with every JSON number as a BigDecimal, never a double.
 */
final class TrytonJson {

    static final JsonMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private TrytonJson() {}

    /** A value for a Numeric field. */
    static Map<String, Object> decimal(BigDecimal value) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        encoded.put("__class__", "Decimal");
        encoded.put("decimal", value.toPlainString());
        return encoded;
    }

    /** A value for a Float field: a JSON number written exactly as the decimal reads. */
    static BigDecimal number(BigDecimal value) {
        return new BigDecimal(value.toPlainString());
    }

    /** A value for a Date field. */
    static Map<String, Object> date(LocalDate value) {
        Map<String, Object> encoded = new LinkedHashMap<>();
        encoded.put("__class__", "date");
        encoded.put("year", value.getYear());
        encoded.put("month", value.getMonthValue());
        encoded.put("day", value.getDayOfMonth());
        return encoded;
    }

    /** A Numeric or Float field's value; null for a missing or null value. */
    static BigDecimal readDecimal(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject() && "Decimal".equals(node.path("__class__").asString(""))) {
            return new BigDecimal(node.path("decimal").asString());
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        throw new IllegalArgumentException("not a Tryton decimal: " + node);
    }

    static LocalDate readDate(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject() && "date".equals(node.path("__class__").asString(""))) {
            return LocalDate.of(node.path("year").asInt(), node.path("month").asInt(), node.path("day").asInt());
        }
        throw new IllegalArgumentException("not a Tryton date: " + node);
    }

    /** A Many2One field's id; null when empty. */
    static Long readId(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asLong();
    }

    /** A One2Many or Many2Many field's ids, in Tryton's order. */
    static List<Long> readIds(JsonNode node) {
        List<Long> ids = new ArrayList<>();
        node.forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    /** A Char or Text field; null for an empty one (Tryton sends null or ""). */
    static String readText(JsonNode node) {
        String text = node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
        return text == null || text.isEmpty() ? null : text;
    }
}
