package org.billrun.erp.tryton;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom to reach Tryton. The password stays in its file (owner-only) and is read at each
 * login, so this record can be logged and a rotated password is picked up.
 *
 * @param serverUrl      the server's root, e.g. {@code http://127.0.0.1:8000/}
 * @param database       the database name; calls go to {@code serverUrl + database + "/"}
 * @param login          the Tryton user
 * @param passwordFile   file holding the user's password on its first line, readable by its owner only
 * @param connectTimeout time to open the connection
 * @param requestTimeout time to wait for an answer to one call (posting renders the invoice: allow seconds)
 */
public record TrytonSettings(URI serverUrl, String database, String login, Path passwordFile, Duration connectTimeout,
        Duration requestTimeout) {

    public TrytonSettings {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (serverUrl.getUserInfo() != null) {
            throw new IllegalArgumentException("the Tryton URL holds credentials; the password belongs in the password file");
        }
        if (!database.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("Tryton database name '" + database + "': letters, digits, _ . - only");
        }
    }

    URI endpoint() {
        String root = serverUrl.toString();
        return URI.create((root.endsWith("/") ? root : root + "/") + database + "/");
    }
}
