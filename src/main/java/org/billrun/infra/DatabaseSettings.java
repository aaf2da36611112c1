package org.billrun.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the database is: an external PostgreSQL when a URL is given (option or the usual
 * SPRING_DATASOURCE_* environment), otherwise the embedded one kept in {@code dataDir}. A null
 * password means none was given: pgjdbc then looks in PGPASSFILE or ~/.pgpass. {@code sslMode} and
 * {@code sslRootCert} (pgjdbc's sslmode and sslrootcert) are null when not given.
 */
public record DatabaseSettings(String url, String user, String password, Path dataDir, String sslMode, Path sslRootCert) {

    public static final String DATA_DIR_ENV = "BILLRUN_DATA_DIR";
    public static final String PASSWORD_ENV = "BILLRUN_DB_PASSWORD";

    /** pgjdbc's sslmode values that billrun offers: no TLS, TLS unverified, TLS with the CA checked, and also the host name. */
    public static final List<String> SSL_MODES = List.of("disable", "require", "verify-ca", "verify-full");

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([?&][^=&]*password[^=&]*=)[^&]*");

    /** Where each setting may come from, most important first; the password source is chosen by the caller. */
    public static DatabaseSettings resolve(String urlOption, String userOption, String password, Path dataDirOption,
            Map<String, String> env) {
        String url = firstNonBlank(urlOption, env.get("SPRING_DATASOURCE_URL"));
        String user = firstNonBlank(userOption, env.get("SPRING_DATASOURCE_USERNAME"));
        Path dataDir = dataDirOption != null ? dataDirOption : defaultDataDir(env);
        return new DatabaseSettings(url, user, password, dataDir, null, null);
    }

    /**
     * TLS to an external PostgreSQL: one of {@link #SSL_MODES} and, for the verifying modes, the CA
     * file. Both null: pgjdbc's default (prefer: TLS when the server offers it, not verified).
     */
    public DatabaseSettings withTls(String mode, Path rootCert) {
        if (mode == null && rootCert == null) {
            return this;
        }
        if (embedded()) {
            throw new RefusedException("--db-ssl-mode and --db-ssl-root-cert are for an external PostgreSQL (--db-url); "
                    + "the embedded one listens on 127.0.0.1 only");
        }
        if (mode != null && !SSL_MODES.contains(mode)) {
            throw new RefusedException("--db-ssl-mode must be one of " + String.join(", ", SSL_MODES) + ", not '" + mode + "'");
        }
        if (mode != null && url.matches("(?i).*[?&]sslmode=.*")) {
            throw new RefusedException("the database URL sets sslmode already; give it once, in the URL or with --db-ssl-mode");
        }
        if (rootCert != null && !Files.isReadable(rootCert)) {
            throw new RefusedException("--db-ssl-root-cert: cannot read " + rootCert);
        }
        return new DatabaseSettings(url, user, password, dataDir, mode, rootCert == null ? null : rootCert.toAbsolutePath());
    }

    public boolean embedded() {
        return url == null;
    }

    /** $BILLRUN_DATA_DIR, else ~/.billrun/postgres. */
    public static Path defaultDataDir(Map<String, String> env) {
        String fromEnv = env.get(DATA_DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".billrun", "postgres");
    }

    /** For messages: the data directory, or the URL with any password parameter masked. */
    public String describe() {
        return embedded() ? "embedded PostgreSQL in " + dataDir.toAbsolutePath().normalize() : redact(url);
    }

    static String redact(String jdbcUrl) {
        return SECRET_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + describe() + ", user=" + user + (password == null ? "" : ", password=***") + "]";
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
