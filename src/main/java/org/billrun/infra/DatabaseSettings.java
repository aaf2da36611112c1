package org.billrun.infra;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the database is: an external PostgreSQL when a URL is given (option or the usual
 * SPRING_DATASOURCE_* environment), otherwise the embedded one kept in {@code dataDir}.
 */
public record DatabaseSettings(String url, String user, String password, Path dataDir) {

    public static final String DATA_DIR_ENV = "BILLRUN_DATA_DIR";

    public static DatabaseSettings resolve(String urlOption, String userOption, String passwordOption, Path dataDirOption,
            Map<String, String> env) {
        String url = firstNonBlank(urlOption, env.get("SPRING_DATASOURCE_URL"));
        String user = firstNonBlank(userOption, env.get("SPRING_DATASOURCE_USERNAME"));
        String password = firstNonBlank(passwordOption, env.get("SPRING_DATASOURCE_PASSWORD"));
        Path dataDir = dataDirOption != null ? dataDirOption : defaultDataDir(env);
        return new DatabaseSettings(url, user, password, dataDir);
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

    public String describe() {
        return embedded() ? "embedded PostgreSQL in " + dataDir.toAbsolutePath().normalize() : url;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
