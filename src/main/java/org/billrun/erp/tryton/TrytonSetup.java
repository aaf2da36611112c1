package org.billrun.erp.tryton;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What scripts/tryton-setup wrote to {@code billrun-tryton.json}: where the server is and the ids of the
 * records an invoice refers to.
 *
 * @param entity       billrun's legal entity whose books this Tryton company keeps
 * @param currencyId   the company's currency
 * @param currencies   the currencies the entity's contracts bill in, by ISO code, with their rates in Tryton
 * @param taxes        Tryton's customer taxes by billrun tax rule id (tax_rules.csv)
 * @param paymentTerms payment terms by number of days (clients.csv payment_terms_days)
 * @param countries    country ids by ISO code
 */
public record TrytonSetup(URI serverUrl, String database, String login, Path passwordFile, String entity, long companyId,
        long currencyId, Map<String, Long> currencies, long receivableAccountId, long revenueAccountId,
        long revenueJournalId, Map<String, Tax> taxes, Map<Integer, Long> paymentTerms, Map<String, Long> countries) {

    /** A customer tax: its Tryton id and the rule's category and rate in percent. */
    public record Tax(long id, String category, String ratePct) {}

    public TrytonSetup {
        currencies = Map.copyOf(currencies);
        taxes = Map.copyOf(taxes);
        paymentTerms = Map.copyOf(paymentTerms);
        countries = Map.copyOf(countries);
    }

    public static TrytonSetup read(Path file) throws IOException {
        JsonNode json;
        try {
            json = TrytonJson.MAPPER.readTree(Files.readString(file));
        } catch (JacksonException e) {
            throw new IOException(file + " is not the JSON scripts/tryton-setup writes: " + e.getOriginalMessage(), e);
        }
        Map<String, Tax> taxes = new TreeMap<>();
        json.required("taxes").properties().forEach(e -> taxes.put(e.getKey(), new Tax(e.getValue().required("id").asLong(),
                e.getValue().required("category").asString(), e.getValue().required("rate_pct").asString())));
        Map<Integer, Long> terms = new TreeMap<>();
        json.required("payment_terms").properties().forEach(e -> terms.put(Integer.valueOf(e.getKey()), e.getValue().asLong()));
        Map<String, Long> currencies = new TreeMap<>();
        json.required("currencies").properties().forEach(e -> currencies.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> countries = new TreeMap<>();
        json.required("countries").properties().forEach(e -> countries.put(e.getKey(), e.getValue().asLong()));
        return new TrytonSetup(URI.create(json.required("url").asString()), json.required("database").asString(),
                json.required("login").asString(), Path.of(json.required("password_file").asString()),
                json.required("entity").asString(), json.required("company").asLong(), json.required("currency").required("id").asLong(), currencies,
                json.required("accounts").required("receivable").asLong(),
                json.required("accounts").required("revenue").asLong(),
                json.required("journals").required("revenue").asLong(), taxes, terms, countries);
    }

    public TrytonSettings settings(Duration connectTimeout, Duration requestTimeout) {
        return new TrytonSettings(serverUrl, database, login, passwordFile, connectTimeout, requestTimeout);
    }

    /** The Tryton tax of a billrun tax rule; a clear error for a rule the setup did not create. */
    public long taxOfRule(String taxRuleId) {
        Tax tax = taxes.get(taxRuleId);
        if (tax == null) {
            throw new IllegalArgumentException("Tryton has no tax for rule " + taxRuleId + " (set up: " + taxes.keySet()
                    + "); run scripts/tryton-setup again after changing tax_rules.csv");
        }
        return tax.id();
    }
}
