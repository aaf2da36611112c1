package org.billrun.erp.rest;

import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the ERP's answers (docs/erp-rest.md): a document ({@code documentId}, {@code reference},
 * {@code status}, {@code currency}, {@code gross}), a page of documents, an error's message (a plain
 * {@code message}, or RFC 9457 problem details' {@code detail} and {@code title}). Every JSON number is
 * read as a BigDecimal, never a double.
 */
final class RestErpJson {

    static final JsonMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** Longest ERP message kept for finance; longer ones are cut with an ellipsis. */
    static final int MESSAGE_LIMIT = 500;

    private RestErpJson() {}

    /** A document as the ERP describes it. */
    record Document(String documentId, String entityId, String reference, String status, String currency,
            BigDecimal gross) {}

    /** The body as a JSON tree; empty when it is not JSON. */
    static Optional<JsonNode> tree(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body));
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** The document the node describes; empty unless it is an object with a non-blank {@code documentId}. */
    static Optional<Document> document(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        String id = text(node.get("documentId"));
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        JsonNode gross = node.get("gross");
        BigDecimal grossAmount = null;
        if (gross != null && gross.isNumber()) {
            grossAmount = gross.decimalValue();
        } else if (gross != null && gross.isString()) {
            try {
                grossAmount = new BigDecimal(gross.asString());
            } catch (NumberFormatException notAnAmount) {
                grossAmount = null;
            }
        }
        return Optional.of(new Document(id, text(node.get("entityId")), text(node.get("reference")),
                text(node.get("status")), text(node.get("currency")), grossAmount));
    }

    /** What the ERP said in an error body: its message, its problem detail, or the start of a text body. */
    static String message(byte[] body) {
        Optional<JsonNode> tree = tree(body);
        if (tree.isPresent() && tree.get().isObject()) {
            JsonNode json = tree.get();
            JsonNode error = json.get("error");
            String said = firstText(json.get("message"), json.get("detail"), error != null && error.isObject()
                    ? error.get("message") : error, json.get("title"));
            if (said != null) {
                return cut(said);
            }
        }
        if (body == null || body.length == 0) {
            return "(no message)";
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}+", " ").strip();
        return text.isEmpty() ? "(no message)" : cut(text);
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            String text = text(candidate);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        return node.asString();
    }

    private static String cut(String text) {
        return text.length() <= MESSAGE_LIMIT ? text : text.substring(0, MESSAGE_LIMIT - 1) + "…";
    }
}
