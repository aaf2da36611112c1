package org.billrun.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.billrun.support.BillrunProcess;
import org.billrun.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret billrun knows, set at once, and looked for everywhere it could leak: the packaged CLI runs,
 * approves, posts (the file outbox for US01, then REST: DE01's own ERP with OAuth2 client credentials, GB01 the
 * default ERP with a bearer token, both answering with faults and one quoting the credential back), publishes
 * events to a signed webhook, delivers by SMTP with a password file and verifies the audit log with its HMAC key;
 * the ERP, the webhook and the delivery run with --debug. Then every stdout and stderr (billrun logs to stderr),
 * every file it wrote (reports with the PDFs' text, exception CSVs, events, outbox, deliveries), every row of
 * every table of its database (posting ledger errors, exception messages, delivery errors, audit log) and the
 * command lines of the running CLI and its children, as {@code ps} shows them, are searched for each secret.
 */
class SecretsFunctionalTests {

    private static final List<String> LOGINS = List.of("ops", "finance", "E-001", "E-009", "E-101", "E-203");

    private static final String ERP_TOKEN = "erp-bearer-token-S3CR3T-a91f";
    private static final String ERP_CLIENT_SECRET = "erp-client-secret-S3CR3T-77b0";
    private static final String ERP_ACCESS_TOKEN = "erp-access-token-S3CR3T-c4d2";
    private static final String WEBHOOK_SECRET = "webhook-hmac-secret-S3CR3T-1e6b";
    private static final String DB_PASSWORD = "db-password-env-S3CR3T-0f3a";
    private static final String DB_PASSWORD_IN_FILE = "db-password-file-S3CR3T-5c81";
    private static final String SMTP_PASSWORD = "smtp-password-S3CR3T-9d24";
    private static final String AUDIT_KEY = "audit-hmac-key-S3CR3T-0123456789abcdef0123456789";
    private static final String SOURCE_PASSWORD = "source-db-password-S3CR3T-e870";

    @TempDir
    Path work;

    @TempDir
    Path secrets;

    private final WireMockServer http = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private GreenMail smtp;
    private String db;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final List<String> commandLines = new ArrayList<>();

    @AfterEach
    void stopServers() {
        http.stop();
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void noSecretAppearsInAnyOutputFileDatabaseRowOrCommandLine() throws Exception {
        db = TestDatabase.createDatabase("secrets_cli").replaceFirst("\\?.*$", "");
        createLogins();
        startServers();
        Map<String, String> env = environment();

        run("ops", env, 0, "run", "--period", "2026-10", "--input", "sample-data/northwind");
        run("finance", env, 0, "approve", "--straight-through");
        run("E-009", env, 0, "approve", "2026-10-NWDE-K-ACME-1");
        run("E-001", env, 0, "approve", "2026-10-NWDE-K-ACME-1");
        run("E-101", env, 0, "approve", "2026-10-NWGB-K-BLUEFIN-1");
        run("E-001", env, 0, "approve", "2026-10-NWGB-K-BLUEFIN-1");
        run("E-203", env, 0, "approve", "2026-10-NWUS-K-CASCADE-1");
        run("ops", env, 0, "post", "--entity", "US01");
        Map<String, String> rest = new HashMap<>(env);
        rest.putAll(Map.of("BILLRUN_ERP_ADAPTER", "rest",
                "BILLRUN_ERP_REST_BASE_URL", http.baseUrl() + "/gb/",
                "BILLRUN_ERP_REST_ENTITIES_DE01_BASE_URL", http.baseUrl() + "/de/",
                "BILLRUN_ERP_REST_ENTITIES_DE01_OAUTH2_TOKEN_URL", http.baseUrl() + "/de/oauth/token",
                "BILLRUN_ERP_REST_ENTITIES_DE01_OAUTH2_CLIENT_ID", "billrun"));
        BillrunProcess.Result posted = runWatchingCommandLines("ops", rest, ExitCodes.POSTING_FAILED, "post", "--debug");
        assertThat(posted.stdout()).as("the ERP's faults reached the output").contains("failed");
        run("ops", env, 0, "postings", "--status", "failed_permanent");
        run("ops", env, 0, "exceptions");
        run("ops", env, 0, "events", "publish", "--debug");
        // every posted invoice keeps the documents the ERP got, whatever the adapter: all four are mailed
        BillrunProcess.Result delivered = run("ops", env, 0, "deliver", "--debug");
        assertThat(delivered.stdout()).contains("4 mailed", "0 failed");
        run("ops", env, 0, "deliveries");
        run("ops", Map.of("BILLRUN_AUDIT_KEY_FILE", env.get("BILLRUN_AUDIT_KEY_FILE")), 0, "--db-password-file",
                secrets.resolve("db-password").toString(), "audit", "verify", "--debug");

        assertThat(http.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/hook"))))
                .as("the webhook was called, signed with the secret").isNotEmpty();
        assertThat(smtp.getReceivedMessages()).as("US01's invoice (file outbox) and the three the REST ERP accepted went through SMTP"
                + " with the password").hasSize(4);
        assertThat(commandLines).as("command lines seen while posting").isNotEmpty();
        for (Path file : filesUnder(work)) {
            outputs.put(work.relativize(file).toString(), text(file));
        }
        outputs.putAll(everyDatabaseRow());

        List<String> leaks = new ArrayList<>();
        for (String secret : secrets()) {
            outputs.forEach((where, text) -> {
                int at = text.indexOf(secret);
                if (at >= 0) {
                    leaks.add(where + ": ..." + text.substring(Math.max(0, at - 120), Math.min(text.length(), at + secret.length() + 40)));
                }
            });
            commandLines.stream().filter(line -> line.contains(secret)).distinct().forEach(line -> leaks.add("command line: " + line));
        }
        assertThat(leaks).as("where a secret appears").isEmpty();
        assertThat(outputs.keySet()).as("what was searched").anyMatch(where -> where.endsWith(".pdf"))
                .anyMatch(where -> where.endsWith(".csv")).anyMatch(where -> where.startsWith("table posting_ledger"))
                .anyMatch(where -> where.startsWith("table validation_exception"))
                .anyMatch(where -> where.startsWith("table inbound_exception")).anyMatch(where -> where.startsWith("table audit_log")).anyMatch(where -> where.startsWith("table delivery"));
    }

    private List<String> secrets() {
        String basic = Base64.getEncoder().encodeToString(("billrun:" + ERP_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        return List.of(ERP_TOKEN, ERP_CLIENT_SECRET, ERP_ACCESS_TOKEN, WEBHOOK_SECRET, DB_PASSWORD, DB_PASSWORD_IN_FILE,
                SMTP_PASSWORD, AUDIT_KEY, SOURCE_PASSWORD, basic);
    }

    private Map<String, String> environment() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BILLRUN_DB_PASSWORD", DB_PASSWORD);
        env.put("BILLRUN_SOURCE_PASSWORD", SOURCE_PASSWORD);
        env.put("BILLRUN_AUDIT_KEY_FILE", ownerOnly("audit.key", AUDIT_KEY).toString());
        env.put("BILLRUN_WEBHOOK_SECRET", WEBHOOK_SECRET);
        env.put("BILLRUN_EVENTS_SINKS_CRM_TYPE", "webhook");
        env.put("BILLRUN_EVENTS_SINKS_CRM_URL", http.baseUrl() + "/hook");
        env.put("BILLRUN_EVENTS_SINKS_CRM_FIRST_WAIT", "PT0.01S");
        env.put("BILLRUN_ERP_TOKEN", ERP_TOKEN);
        env.put("BILLRUN_ERP_CLIENT_SECRET_DE01", ERP_CLIENT_SECRET);
        env.put("BILLRUN_OUTBOX_DIR", work.resolve("outbox").toString());
        env.put("BILLRUN_EVENTS_DIR", work.resolve("events").toString());
        env.put("SPRING_MAIL_HOST", "127.0.0.1");
        env.put("SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("SPRING_MAIL_USERNAME", "billing");
        env.put("SPRING_MAIL_PROPERTIES_MAIL_SMTP_AUTH", "true");
        env.put("BILLRUN_DELIVERY_FROM", "billing@northwind.example");
        env.put("BILLRUN_DELIVERY_SMTP_PASSWORD_FILE", ownerOnly("smtp-password", SMTP_PASSWORD).toString());
        ownerOnly("db-password", DB_PASSWORD_IN_FILE);
        return env;
    }

    /**
     * The ERP: DE01's own (OAuth2) books most invoices, refuses one quoting the access token back, and answers 500 once;
     * the default ERP (GB01) refuses the bearer token's invoice quoting the token. The webhook fails once, then takes
     * every event.
     */
    private void startServers() throws Exception {
        http.start();
        http.stubFor(post("/de/oauth/token").willReturn(aResponse().withStatus(200)
                .withBody("{\"access_token\": \"" + ERP_ACCESS_TOKEN + "\", \"expires_in\": 3600}")));
        http.stubFor(post("/de/invoices").willReturn(aResponse().withStatus(201).withFixedDelay(700)
                .withBody("{\"documentId\": \"DE-1\", \"status\": \"booked\"}")));
        http.stubFor(post("/de/invoices").withRequestBody(containing("2026-10-NWDE-K-ACME-1")).willReturn(aResponse()
                .withStatus(422).withBody("{\"message\": \"the access token " + ERP_ACCESS_TOKEN + " may not book for C-ACME\"}")));
        http.stubFor(post("/de/invoices").withRequestBody(containing("2026-10-NWDE-K-BAUER-2")).willReturn(aResponse()
                .withStatus(500).withBody("{\"message\": \"database busy\"}")));
        http.stubFor(post("/gb/invoices").willReturn(aResponse().withStatus(400)
                .withBody("{\"message\": \"Bearer " + ERP_TOKEN + " has no access to ledger GB\"}")));
        http.stubFor(post("/hook").inScenario("webhook").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("try later")).willSetStateTo("up"));
        http.stubFor(post("/hook").inScenario("webhook").whenScenarioStateIs("up").willReturn(aResponse().withStatus(200)));
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            smtp = new GreenMail(new ServerSetup(socket.getLocalPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                    .withConfiguration(GreenMailConfiguration.aConfig().withUser("billing", SMTP_PASSWORD));
        }
        smtp.start();
    }

    private BillrunProcess.Result run(String login, Map<String, String> env, int exitCode, String... args) throws Exception {
        BillrunProcess process = BillrunProcess.start(work, env, command(login, args));
        return finish(process, login, exitCode, args);
    }

    /** Runs the command and, while it runs, reads its command line and its children's as ps would show them. */
    private BillrunProcess.Result runWatchingCommandLines(String login, Map<String, String> env, int exitCode, String... args)
            throws Exception {
        BillrunProcess process = BillrunProcess.start(work, env, command(login, args));
        while (process.isAlive()) {
            Stream.concat(Stream.of(process.handle()), process.handle().descendants()).forEach(this::readCommandLine);
            Thread.sleep(100);
        }
        return finish(process, login, exitCode, args);
    }

    private void readCommandLine(ProcessHandle handle) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
            commandLines.add(new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (java.io.IOException ended) {
            // the process ended between the listing and the read
        }
        handle.info().commandLine().ifPresent(commandLines::add);
    }

    private String[] command(String login, String... args) {
        List<String> command = new ArrayList<>(List.of("--db-url", db, "--db-user", login));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    private BillrunProcess.Result finish(BillrunProcess process, String login, int exitCode, String... args) throws Exception {
        BillrunProcess.Result result = process.await();
        String what = login + " " + String.join(" ", args);
        assertThat(result.exitCode()).as(what + ": " + result.stdout() + result.stderr()).isEqualTo(exitCode);
        outputs.put("stdout of " + what, result.stdout());
        outputs.put("stderr of " + what, result.stderr());
        return result;
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** A file's text; a PDF's extracted text beside its bytes (its streams are compressed). */
    private static String text(Path file) throws Exception {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        if (!file.toString().endsWith(".pdf")) {
            return bytes;
        }
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            return bytes + "\n" + new PDFTextStripper().getText(pdf);
        }
    }

    /** Every row of every table of billrun's database as text, by table. */
    private Map<String, String> everyDatabaseRow() throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        try (var connection = DriverManager.getConnection(db, "postgres", ""); var st = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                    + "WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                StringBuilder text = new StringBuilder();
                try (ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                }
                rows.put("table " + table.substring(table.indexOf('.') + 1), text.toString());
            }
        }
        return rows;
    }

    private Path ownerOnly(String name, String content) throws Exception {
        Path file = secrets.resolve(name);
        Files.writeString(file, content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private void createLogins() throws Exception {
        try (var connection = DriverManager.getConnection(TestDatabase.jdbcUrl()); var st = connection.createStatement()) {
            for (String login : LOGINS) {
                st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + login + "') THEN CREATE ROLE \""
                        + login + "\" LOGIN SUPERUSER; END IF; END $$");
            }
        }
    }
}
