package org.billrun.erp.tryton;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.billrun.erp.tryton.FakeTryton.Answer;
import org.billrun.erp.tryton.TrytonRetryableException.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The JSON-RPC client's protocol and error mapping, against a scripted HTTP server on 127.0.0.1. */
class TrytonJsonRpcTests {

    private static final String PASSWORD = "s3cret-admin-password";

    @TempDir
    Path dir;

    private FakeTryton tryton;
    private Path passwordFile;

    @BeforeEach
    void startFake() throws Exception {
        tryton = new FakeTryton();
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stopFake() {
        tryton.close();
    }

    private TrytonJsonRpc client() {
        return new TrytonJsonRpc(tryton.settings(passwordFile, Duration.ofSeconds(5)));
    }

    @Test
    void logsInWithThePasswordThenSendsTheSessionHeaderAndTheUserContextWithEveryCall() {
        tryton.login().then(Answer.result("[7]"));

        JsonNode result = client().call("model.party.party.search", List.of(List.of("code", "=", "C-ACME")), 0, null, null);

        assertThat(result.get(0).asLong()).isEqualTo(7);
        List<FakeTryton.Call> calls = tryton.calls();
        assertThat(calls).extracting(FakeTryton.Call::method).containsExactly("common.db.login",
                "model.res.user.get_preferences", "model.party.party.search");
        assertThat(calls.get(0).params().toString()).isEqualTo("[\"admin\",{\"password\":\"" + PASSWORD + "\"},\"en\"]");
        assertThat(calls.get(0).authorization()).isNull();
        String session = "Session " + Base64.getEncoder().encodeToString(
                ("admin:1:" + FakeTryton.SESSION_KEY).getBytes(StandardCharsets.UTF_8));
        assertThat(calls.get(2).authorization()).isEqualTo(session);
        assertThat(calls.get(2).params().toString())
                .isEqualTo("[[[\"code\",\"=\",\"C-ACME\"]],0,null,null,{\"company\":1,\"language\":\"en\"}]");
    }

    @Test
    void sendsNumericValuesAsTrytonDecimalsFloatsAsNumbersAndDatesAsTrytonDates() {
        tryton.login().then(Answer.result("[1]"));

        client().call("model.account.invoice.create", List.of(Map.of(
                "unit_price", TrytonJson.decimal(new BigDecimal("150.0000")),
                "quantity", TrytonJson.number(new BigDecimal("12.50")),
                "invoice_date", TrytonJson.date(LocalDate.of(2026, 10, 31)))));

        JsonNode values = tryton.calls().get(2).params().get(0).get(0);
        assertThat(values.get("unit_price").toString()).isEqualTo("{\"__class__\":\"Decimal\",\"decimal\":\"150.0000\"}");
        assertThat(values.get("quantity").toString()).isEqualTo("12.50");
        assertThat(values.get("invoice_date").toString())
                .isEqualTo("{\"__class__\":\"date\",\"year\":2026,\"month\":10,\"day\":31}");
    }

    @Test
    void readsTrytonDecimalsAndPlainNumbersExactlyAndTrytonDates() {
        JsonNode answer = TrytonJson.MAPPER.readTree(
                "{\"total\":{\"__class__\":\"Decimal\",\"decimal\":\"2588.46\"},\"quantity\":0.1,"
                        + "\"date\":{\"__class__\":\"date\",\"year\":2026,\"month\":10,\"day\":31}}");

        assertThat(TrytonJson.readDecimal(answer.get("total"))).isEqualTo(new BigDecimal("2588.46"));
        assertThat(TrytonJson.readDecimal(answer.get("quantity"))).isEqualTo(new BigDecimal("0.1"));
        assertThat(TrytonJson.readDate(answer.get("date"))).isEqualTo(LocalDate.of(2026, 10, 31));
    }

    @Test
    void whenTrytonEndsTheSessionTheClientLogsInAgainAndRepeatsTheCallOnce() {
        tryton.login().then(Answer.result("[1]")).then(Answer.status(401)).login().then(Answer.result("[2]"));
        TrytonJsonRpc client = client();
        client.call("model.party.party.search", List.of(), 0, null, null);

        JsonNode result = client.call("model.party.party.search", List.of(), 0, null, null);

        assertThat(result.get(0).asLong()).isEqualTo(2);
        assertThat(tryton.calls()).extracting(FakeTryton.Call::method).containsExactly("common.db.login",
                "model.res.user.get_preferences", "model.party.party.search", "model.party.party.search", "common.db.login",
                "model.res.user.get_preferences", "model.party.party.search");
    }

    @Test
    void aRefusedLoginIsPermanentAndItsMessageDoesNotHoldThePassword() {
        tryton.then(Answer.status(401));

        TrytonPermanentException refused = catchThrowableOfType(TrytonPermanentException.class, client()::login);

        assertThat(refused.method()).isEqualTo("common.db.login");
        assertThat(refused.getMessage()).contains("user 'admin'").contains("wrong user or password").doesNotContain(PASSWORD);
    }

    @Test
    void aUserErrorIsPermanentWithTrytonsMessage() {
        tryton.login().then(Answer.error(
                "[\"UserError\",[\"A value is required for field \\\"Account\\\" in \\\"Invoice\\\".\",\"\",null]]"));

        TrytonPermanentException refused = catchThrowableOfType(TrytonPermanentException.class,
                () -> client().call("model.account.invoice.create", List.of(Map.of())));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.trytonMessage()).isEqualTo("A value is required for field \"Account\" in \"Invoice\".");
        assertThat(refused.getMessage()).isEqualTo(
                "Tryton refused model.account.invoice.create: A value is required for field \"Account\" in \"Invoice\".");
    }

    @Test
    void aUserWarningIsPermanentAndCarriesTheWarningsName() {
        tryton.login().then(Answer.error("[\"UserWarning\",[\"invoice_payment_term_5\",\"The invoice generates a payment date"
                + " in the past.\",\"\"]]"));

        TrytonWarningException warning = catchThrowableOfType(TrytonWarningException.class,
                () -> client().call("model.account.invoice.post", List.of(5)));

        assertThat(warning.warningName()).isEqualTo("invoice_payment_term_5");
        assertThat(warning.trytonMessage()).isEqualTo("The invoice generates a payment date in the past.");
    }

    @Test
    void anUnexpectedServerExceptionIsRetryableRolledBackAndLeavesItsTracebackOut() {
        tryton.login().then(Answer.error("[\"database is locked\",\"Traceback (most recent call last):\\n  File x.py\"]"));

        TrytonRetryableException failed = catchThrowableOfType(TrytonRetryableException.class,
                () -> client().call("model.account.invoice.post", List.of(5)));

        assertThat(failed.outcome()).isEqualTo(Outcome.NOT_APPLIED);
        assertThat(failed.getMessage()).contains("database is locked").doesNotContain("Traceback");
    }

    @Test
    void aServerErrorStatusIsRetryableWithAnUnknownOutcome() {
        tryton.login().then(Answer.status(503));

        TrytonRetryableException failed = catchThrowableOfType(TrytonRetryableException.class,
                () -> client().call("model.account.invoice.post", List.of(5)));

        assertThat(failed.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(failed.getMessage()).contains("HTTP 503");
    }

    @Test
    void anAnswerThatIsNotJsonIsRetryableWithAnUnknownOutcome() {
        tryton.login().then(Answer.raw("<html>proxy error</html>"));

        TrytonRetryableException failed = catchThrowableOfType(TrytonRetryableException.class,
                () -> client().call("model.account.invoice.create", List.of(Map.of())));

        assertThat(failed.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(failed.getMessage()).contains("is not JSON");
    }

    @Test
    void tooManyRequestsIsRetryableAndNotApplied() {
        tryton.login().then(Answer.status(429));

        TrytonRetryableException failed = catchThrowableOfType(TrytonRetryableException.class,
                () -> client().call("model.party.party.search", List.of(), 0, null, null));

        assertThat(failed.outcome()).isEqualTo(Outcome.NOT_APPLIED);
    }

    @Test
    void aMethodTrytonDoesNotExposeIsPermanent() {
        tryton.login().then(Answer.status(403));

        TrytonPermanentException refused = catchThrowableOfType(TrytonPermanentException.class,
                () -> client().call("model.account.invoice.update_taxes", List.of(5)));

        assertThat(refused.getMessage()).contains("HTTP 403");
    }

    @Test
    void anAnswerLaterThanTheRequestTimeOutIsRetryableWithAnUnknownOutcome() {
        tryton.login().then(Answer.result("[1]").after(Duration.ofMillis(1500)));
        TrytonJsonRpc client = new TrytonJsonRpc(tryton.settings(passwordFile, Duration.ofMillis(300)));

        TrytonRetryableException failed = catchThrowableOfType(TrytonRetryableException.class,
                () -> client.call("model.account.invoice.post", List.of(5)));

        assertThat(failed.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(failed.getMessage()).contains("no answer");
    }

    @Test
    void aServerThatRefusesConnectionsIsRetryableAndNothingWasApplied() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TrytonJsonRpc client = new TrytonJsonRpc(new TrytonSettings(URI.create("http://127.0.0.1:" + closedPort + "/"), "billrun",
                "admin", passwordFile, Duration.ofSeconds(2), Duration.ofSeconds(2)));

        TrytonRetryableException failed = catchThrowableOfType(TrytonRetryableException.class, client::login);

        assertThat(failed.outcome()).isEqualTo(Outcome.NOT_APPLIED);
        assertThat(failed.getMessage()).contains("connection refused").doesNotContain(PASSWORD);
    }
}
