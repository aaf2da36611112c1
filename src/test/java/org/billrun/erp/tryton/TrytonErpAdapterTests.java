package org.billrun.erp.tryton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.erp.tryton.TrytonErpFixtures.acmeOctober;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.billrun.erp.tryton.FakeTryton.Answer;
import org.billrun.masterdata.InvoicingParties;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.billrun.posting.port.ErpUnavailableException;
import org.billrun.posting.port.OutgoingInvoice;
import org.billrun.posting.port.OutgoingInvoice.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * How the Tryton adapter classifies what goes wrong, against a fake Tryton that can fail on demand (the
 * round trip against a real Tryton is in TrytonErpAdapterIntegrationTests).
 */
class TrytonErpAdapterTests {

    @TempDir
    Path dir;

    private FakeTryton tryton;
    private Path passwordFile;

    @BeforeEach
    void startFake() throws Exception {
        tryton = new FakeTryton();
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, "s3cret\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stopFake() {
        tryton.close();
    }

    @Test
    void trytonsUserErrorOnCreateIsPermanentWithTrytonsMessage() {
        tryton.login().then(Answer.result("[]")).then(Answer.result("[3]")).then(Answer.result("[4]"))
                .then(Answer.error("[\"UserError\", [\"The invoice date is outside every open fiscal year.\", \"\"]]"));

        ErpAnswer answer = adapter(Duration.ofSeconds(5)).send(acmeOctober("NWDE-2026-000123"));

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).contains("model.account.invoice.create")
                .contains("The invoice date is outside every open fiscal year.");
        assertThat(answer.requestDigest()).matches("[0-9a-f]{64}");
        assertThat(tryton.calls()).extracting(FakeTryton.Call::method).containsExactly("common.db.login",
                "model.res.user.get_preferences", "model.account.invoice.search", "model.party.party.search",
                "model.party.address.search", "model.account.invoice.create");
    }

    @Test
    void aCustomerAnotherProcessCreatedMeanwhileIsUsedInsteadOfFailingOnItsUniqueCode() {
        tryton.login().then(Answer.result("[]")).then(Answer.result("[]")).then(Answer.result("[]"))
                .then(Answer.result("[2]"))
                .then(Answer.error("[\"UserError\", [\"The code on party must be unique.\", \"\"]]"))
                .then(Answer.result("[3]")).then(Answer.result("[4]"))
                .then(Answer.error("[\"UserError\", [\"stopped after the party\", \"\"]]"));

        ErpAnswer answer = adapter(Duration.ofSeconds(5)).send(acmeOctober("NWDE-2026-000123"));

        assertThat(answer.message()).contains("stopped after the party").doesNotContain("must be unique");
        assertThat(tryton.calls()).extracting(FakeTryton.Call::method).containsExactly("common.db.login",
                "model.res.user.get_preferences", "model.account.invoice.search", "model.party.party.search",
                "model.party.party.search", "model.country.country.search", "model.party.party.create",
                "model.party.party.search", "model.party.address.search", "model.account.invoice.create");
        assertThat(tryton.calls().get(9).params().path(0).path(0).path("party").asLong()).isEqualTo(3);
    }

    @Test
    void noAnswerToTheCreateWithinTheTimeOutIsUnknown() {
        tryton.login().then(Answer.result("[]")).then(Answer.result("[3]")).then(Answer.result("[4]"))
                .then(Answer.result("[9]").after(Duration.ofMillis(4500)));

        ErpAnswer answer = adapter(Duration.ofMillis(2000)).send(acmeOctober("NWDE-2026-000123"));

        assertThat(answer.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(answer.message()).contains("no answer");
    }

    @Test
    void twoTrytonInvoicesWithTheReferenceArePermanentAndNothingIsCreated() {
        tryton.login().then(Answer.result("[9, 12]"));

        ErpAnswer answer = adapter(Duration.ofSeconds(5)).send(acmeOctober("NWDE-2026-000123"));

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).contains("2 customer invoices").contains("[9, 12]");
        assertThat(tryton.calls()).extracting(FakeTryton.Call::method).doesNotContain("model.account.invoice.create");
    }

    @Test
    void aServerExceptionThatTrytonRolledBackIsRetryable() {
        tryton.login().then(Answer.error("[\"database is locked\", \"Traceback (most recent call last): ...\"]"));

        ErpAnswer answer = adapter(Duration.ofSeconds(5)).send(acmeOctober("NWDE-2026-000123"));

        assertThat(answer.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(answer.message()).contains("database is locked").doesNotContain("Traceback");
    }

    @Test
    void aTrytonThatRefusesConnectionsIsRetryableForSendAndUnavailableForLookup() throws Exception {
        TrytonSetup closed = TrytonErpFixtures.setup(URI.create("http://127.0.0.1:" + closedPort() + "/"), passwordFile);
        TrytonErpAdapter adapter = new TrytonErpAdapter(closed, new TrytonJsonRpc(closed.settings(Duration.ofSeconds(2),
                Duration.ofSeconds(2))), PastDueDates.ACCEPT);

        ErpAnswer answer = adapter.send(acmeOctober("NWDE-2026-000123"));

        assertThat(answer.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(answer.message()).contains("connection refused").doesNotContain("s3cret");
        assertThatThrownBy(() -> adapter.lookup("DE01", "NWDE-2026-000123")).isInstanceOf(ErpUnavailableException.class)
                .hasMessageContaining("cannot look NWDE-2026-000123 up in Tryton");
        assertThatThrownBy(() -> adapter.documents("DE01")).isInstanceOf(ErpUnavailableException.class);
    }

    @Test
    void anotherEntitysInvoiceIsRefusedAndLookedUpWithoutAskingTryton() {
        TrytonErpAdapter adapter = adapter(Duration.ofSeconds(5));
        OutgoingInvoice usInvoice = new OutgoingInvoice("US01/NWUS-2026-000001/1", "US01", "NWUS-2026-000001",
                1, 1, null, null, Kind.INVOICE, null, TrytonErpFixtures.OCTOBER_END,
                null, "USD", TrytonErpFixtures.acme(), acmeOctober("x").lines(), BigDecimal.ONE,
                BigDecimal.ZERO, BigDecimal.ONE, null, null);

        ErpAnswer answer = adapter.send(usInvoice);

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).contains("entity DE01 only, not US01");
        assertThat(adapter.lookup("US01", "NWUS-2026-000001")).isEmpty();
        assertThat(adapter.documents("US01")).isEmpty();
        assertThat(tryton.calls()).isEmpty();
    }

    @Test
    void theTrytonAdapterIsTheErpAdapterOnlyWhenTheSettingAsksForItAndNeedsItsSetupFile() throws Exception {
        Path setupFile = dir.resolve("billrun-tryton.json");
        Files.writeString(setupFile, """
                {"url": "http://127.0.0.1:8000/", "database": "billrun", "login": "admin", "password_file": "%s",
                 "entity": "DE01", "company": 1, "currency": {"code": "EUR", "id": 10}, "currencies": {"EUR": 10},
                 "accounts": {"receivable": 100, "revenue": 101}, "journals": {"revenue": 102},
                 "taxes": {"TX-DE-DOM-2021": {"id": 5, "category": "S", "rate_pct": "19"}},
                 "payment_terms": {"30": 22}, "countries": {"DE": 1}}""".formatted(passwordFile));
        // the customer sync beside the adapter reads the clients; no database is asked while the context starts
        ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(TrytonErpConfiguration.class)
                .withBean(InvoicingParties.class, () -> new InvoicingParties(null));

        context.withPropertyValues("billrun.erp.adapter=tryton", "billrun.erp.tryton.setup-file=" + setupFile).run(tryton -> {
            assertThat(tryton).hasSingleBean(ErpAdapter.class);
            assertThat(tryton.getBean(ErpAdapter.class)).isInstanceOf(TrytonErpAdapter.class).extracting(ErpAdapter::name)
                    .isEqualTo("tryton");
            assertThat(tryton.getBean(TrytonErpProperties.class).pastDueDates()).isEqualTo(PastDueDates.ACCEPT);
            assertThat(tryton.getBean(TrytonSetup.class).entity()).isEqualTo("DE01");
        });
        context.withPropertyValues("billrun.erp.adapter=tryton").run(noSetup -> assertThat(noSetup).hasFailed()
                .getFailure().rootCause().hasMessageContaining("billrun.erp.tryton.setup-file"));
        context.withPropertyValues("billrun.erp.adapter=rest").run(rest -> assertThat(rest).doesNotHaveBean(ErpAdapter.class));
        context.run(unset -> assertThat(unset).doesNotHaveBean(ErpAdapter.class));
    }

    private TrytonErpAdapter adapter(Duration requestTimeout) {
        TrytonSettings settings = tryton.settings(passwordFile, requestTimeout);
        TrytonSetup setup = TrytonErpFixtures.setup(settings.serverUrl(), passwordFile);
        return new TrytonErpAdapter(setup, new TrytonJsonRpc(settings), PastDueDates.ACCEPT);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
