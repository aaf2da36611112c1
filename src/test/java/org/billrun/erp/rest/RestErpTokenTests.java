package org.billrun.erp.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.billrun.erp.rest.RestErpFixtures.invoice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.billrun.posting.port.ErpAdapter;
import org.billrun.posting.port.ErpAnswer;
import org.billrun.posting.port.ErpAnswer.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Where the REST adapter's token comes from, that it goes nowhere else, and how the adapter is chosen. */
class RestErpTokenTests {

    private static final String FILE_TOKEN = "file-token-4b1d-secret";

    @TempDir
    static Path dir;

    private static WireMockServer erp;

    @BeforeAll
    static void startErp() {
        erp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        erp.start();
    }

    @AfterAll
    static void stopErp() {
        erp.stop();
    }

    @Test
    void theTokenComesFromTheEnvironmentVariableBeforeTheFile() throws Exception {
        erp.stubFor(post("/env/invoices").willReturn(aResponse().withStatus(201).withBody("{\"documentId\": \"D-1\"}")));
        erp.stubFor(post("/file/invoices").willReturn(aResponse().withStatus(201).withBody("{\"documentId\": \"D-2\"}")));
        Path file = tokenFile("token", FILE_TOKEN + "\n", "rw-------");

        adapter("/env", Map.of(RestErpSecret.TOKEN_VARIABLE, "env-token"), file).send(invoice());
        adapter("/file", Map.of(), file).send(invoice());

        assertThat(erp.findAll(postRequestedFor(urlEqualTo("/env/invoices"))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer env-token");
        assertThat(erp.findAll(postRequestedFor(urlEqualTo("/file/invoices"))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + FILE_TOKEN);
    }

    @Test
    void aTokenFileOthersCanReadIsRefusedBeforeAnythingIsSentAndItsContentIsNotQuoted() throws Exception {
        erp.stubFor(post("/open/invoices").willReturn(aResponse().withStatus(201).withBody("{\"documentId\": \"D-3\"}")));
        Path open = tokenFile("open-token", FILE_TOKEN + "\n", "rw-r--r--");

        ErpAnswer answer = adapter("/open", Map.of(), open).send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(answer.message()).contains("readable by its owner only").contains("nothing was sent")
                .doesNotContain(FILE_TOKEN);
        erp.verify(0, postRequestedFor(urlEqualTo("/open/invoices")));
    }

    @Test
    void withoutATokenSourceOrABaseUrlTheAdapterIsNotCreated() {
        assertThatThrownBy(() -> adapter("/none", Map.of(), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RestErpSecret.TOKEN_VARIABLE).hasMessageContaining("billrun.erp.rest.token-file");
        assertThatThrownBy(() -> new RestErpAdapter(new RestErpProperties(null, null, Duration.ofSeconds(1),
                Duration.ofSeconds(1), 10, null, null), Map.of(RestErpSecret.TOKEN_VARIABLE, "t"), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("billrun.erp.rest.base-url");
        assertThatThrownBy(() -> new RestErpAdapter(new RestErpProperties(URI.create("https://u:p@erp.example/"), null,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 10, null, null), Map.of(RestErpSecret.TOKEN_VARIABLE, "t"), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds credentials");
    }

    @Test
    void noLogLineAndNoAnswerHoldsTheToken() throws Exception {
        erp.stubFor(post("/logged/invoices").willReturn(aResponse().withStatus(401)
                .withBody("{\"message\": \"invalid bearer token\"}")));
        Logger logger = (Logger) LoggerFactory.getLogger("org.billrun.erp.rest");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        List<ErpAnswer> answers = new ArrayList<>();
        try {
            RestErpAdapter fromFile = adapter("/logged", Map.of(), tokenFile("logged-token", FILE_TOKEN, "rw-------"));
            RestErpAdapter fromEnvironment = adapter("/logged", Map.of(RestErpSecret.TOKEN_VARIABLE, RestErpFixtures.TOKEN), null);
            answers.add(fromFile.send(invoice()));
            answers.add(fromEnvironment.send(invoice()));
            answers.add(fromEnvironment.send(invoice("NWDE-2026-000124")));
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        assertThat(answers).extracting(ErpAnswer::outcome).containsOnly(Outcome.PERMANENT);
        assertThat(answers).extracting(ErpAnswer::message).containsOnly("HTTP 401: invalid bearer token");
        assertThat(answers).extracting(ErpAnswer::toString)
                .noneMatch(text -> text.contains(FILE_TOKEN) || text.contains(RestErpFixtures.TOKEN));
        assertThat(lines.list).hasSize(3);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains(FILE_TOKEN) || line.contains(RestErpFixtures.TOKEN) || line.contains("Bearer"));
    }

    @Test
    void anErpThatQuotesTheTokenBackHasItRemovedFromItsMessage() throws Exception {
        erp.stubFor(post("/quoting/invoices").willReturn(aResponse().withStatus(400)
                .withBody("{\"message\": \"Bearer " + FILE_TOKEN + " has no access to ledger GB\"}")));
        Path file = tokenFile("quoted-token", FILE_TOKEN + "\n", "rw-------");

        ErpAnswer answer = adapter("/quoting", Map.of(), file).send(invoice());

        assertThat(answer.outcome()).isEqualTo(Outcome.PERMANENT);
        assertThat(answer.message()).isEqualTo("HTTP 400: Bearer [credential removed] has no access to ledger GB");
    }

    @Test
    void theRestAdapterIsTheErpAdapterOnlyWhenTheSettingAsksForIt() throws Exception {
        Path file = tokenFile("spring-token", FILE_TOKEN, "rw-------");
        ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(RestErpConfiguration.class)
                .withPropertyValues("billrun.erp.rest.base-url=https://erp.example/api/v1/",
                        "billrun.erp.rest.token-file=" + file, "billrun.erp.rest.read-timeout=45s");

        context.withPropertyValues("billrun.erp.adapter=rest").run(rest -> {
            assertThat(rest).hasSingleBean(ErpAdapter.class);
            assertThat(rest.getBean(ErpAdapter.class)).isInstanceOf(RestErpAdapter.class)
                    .extracting(ErpAdapter::name).isEqualTo("rest");
            assertThat(rest.getBean(RestErpProperties.class).readTimeout()).isEqualTo(Duration.ofSeconds(45));
            assertThat(rest.getBean(RestErpProperties.class).connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        });
        context.withPropertyValues("billrun.erp.adapter=rest", "billrun.erp.rest.oauth2.token-url=https://login.example/token",
                "billrun.erp.rest.oauth2.client-id=billrun", "billrun.erp.rest.oauth2.client-secret-file=" + file,
                "billrun.erp.rest.oauth2.scope=invoices:write").run(oauth2 -> {
                    assertThat(oauth2.getBean(ErpAdapter.class)).isInstanceOf(RestErpAdapter.class);
                    assertThat(oauth2.getBean(RestErpProperties.class).oauth2()).isEqualTo(new RestErpProperties.OAuth2(
                            URI.create("https://login.example/token"), "billrun", file, "invoices:write"));
                });
        context.withPropertyValues("billrun.erp.adapter=file").run(fileAdapter -> assertThat(fileAdapter).doesNotHaveBean(ErpAdapter.class));
        context.run(unset -> assertThat(unset).doesNotHaveBean(ErpAdapter.class));
    }

    private static RestErpAdapter adapter(String path, Map<String, String> environment, Path tokenFile) {
        return new RestErpAdapter(new RestErpProperties(URI.create(erp.baseUrl() + path), tokenFile, Duration.ofSeconds(2),
                RestErpFixtures.READ_TIMEOUT, 100, null, null), environment, Clock.systemUTC());
    }

    private static Path tokenFile(String name, String content, String permissions) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
