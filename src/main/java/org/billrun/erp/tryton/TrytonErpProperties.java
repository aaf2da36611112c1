package org.billrun.erp.tryton;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Tryton adapter's settings ({@code billrun.erp.adapter=tryton}), usually from the environment
 * (BILLRUN_ERP_TRYTON_SETUP_FILE, ...). The password is in the file the setup names, readable by its owner
 * only; it is never a setting.
 *
 * @param setupFile the {@code billrun-tryton.json} scripts/tryton-setup wrote: server URL, database, login,
 *     password file, the entity whose books the Tryton company keeps, and the ids of its accounts, journal,
 *     taxes, payment terms and currencies
 * @param connectTimeout time to open a connection
 * @param requestTimeout time to wait for one call's answer (posting renders the invoice: allow seconds)
 * @param pastDueDates whether to accept Tryton's warning that an invoice's payment term fell due before
 *     today (an invoice posted after its date), as a user clicking "yes" in Tryton would
 */
@ConfigurationProperties("billrun.erp.tryton")
public record TrytonErpProperties(Path setupFile, @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration requestTimeout, @DefaultValue("accept") PastDueDates pastDueDates) {}
