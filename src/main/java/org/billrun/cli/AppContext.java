package org.billrun.cli;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.billrun.BillrunApplication;
import org.billrun.infra.DatabaseSettings;
import org.billrun.infra.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring context a command works in, and the embedded database under it when there is one. */
final class AppContext implements AutoCloseable {

    /** Who runs the command, when the CLI knows it; without it the database login is (see infra.Actor). */
    static final String ACTOR_PROPERTY = "billrun.cli.actor";

    /** Connection properties handed to pgjdbc through Hikari. */
    private static final String DRIVER_PROPERTY = "spring.datasource.hikari.data-source-properties.";

    private final ConfigurableApplicationContext context;
    private final EmbeddedPostgresServer embedded;

    private AppContext(ConfigurableApplicationContext context, EmbeddedPostgresServer embedded) {
        this.context = context;
        this.embedded = embedded;
    }

    /**
     * @param migrate apply pending Flyway migrations on start (every command but `db info`)
     * @param extraProperties further Spring properties, e.g. from --set
     */
    static AppContext start(DatabaseSettings db, boolean migrate, Map<String, Object> extraProperties) {
        return start(db, migrate, extraProperties, false);
    }

    /**
     * Like {@link #start}, but with the embedded database only as the guest of the process that runs it
     * (a worker beside a run); empty when no process runs it.
     */
    static Optional<AppContext> join(DatabaseSettings db, boolean migrate, Map<String, Object> extraProperties) {
        if (db.embedded()) {
            try {
                if (EmbeddedPostgresServer.join(db.dataDir()).isEmpty()) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                throw new DatabaseUnavailableException("cannot read the embedded PostgreSQL's files in " + db.dataDir() + ": " + e.getMessage(), e);
            }
        }
        return Optional.of(start(db, migrate, extraProperties, true));
    }

    private static AppContext start(DatabaseSettings db, boolean migrate, Map<String, Object> extraProperties, boolean guestOnly) {
        EmbeddedPostgresServer embedded = null;
        Map<String, Object> properties = new LinkedHashMap<>(extraProperties);
        try {
            if (db.embedded()) {
                embedded = guestOnly
                        ? EmbeddedPostgresServer.join(db.dataDir()).orElseThrow(() -> new IOException("no billrun process runs it now"))
                        : EmbeddedPostgresServer.start(db.dataDir());
                properties.put("spring.datasource.url", embedded.jdbcUrl());
                properties.put("spring.datasource.username", embedded.user());
                properties.put("spring.datasource.password", embedded.password() == null ? "" : embedded.password());
                // the embedded database's login is the same for everyone: who runs the command is the OS user
                properties.put(ACTOR_PROPERTY, System.getProperty("user.name"));
            } else {
                properties.putAll(externalDatabaseProperties(db));
            }
            properties.put("spring.flyway.enabled", migrate);
            // no web server, banner or startup log: see spring.main.* in application.properties
            ConfigurableApplicationContext context = new SpringApplicationBuilder(BillrunApplication.class)
                    .properties(properties)
                    .run();
            return new AppContext(context, embedded);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + db.dataDir() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(embedded);
            throw DatabaseUnavailableException.translate(e, db).orElseThrow(() -> e);
        }
    }

    /** The Spring properties for an external PostgreSQL: URL, login, and TLS as pgjdbc's sslmode and sslrootcert. */
    static Map<String, Object> externalDatabaseProperties(DatabaseSettings db) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", db.url());
        if (db.user() != null) {
            properties.put("spring.datasource.username", db.user());
        }
        // without a password pgjdbc looks in PGPASSFILE or ~/.pgpass
        if (db.password() != null) {
            properties.put("spring.datasource.password", db.password());
        }
        if (db.sslMode() != null) {
            properties.put(DRIVER_PROPERTY + "sslmode", db.sslMode());
        }
        if (db.sslRootCert() != null) {
            properties.put(DRIVER_PROPERTY + "sslrootcert", db.sslRootCert().toString());
        }
        return properties;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A bean that only some configurations have (the Tryton adapter's, with billrun.erp.adapter=tryton). */
    <T> java.util.Optional<T> optionalBean(Class<T> type) {
        return java.util.Optional.ofNullable(context.getBeanProvider(type).getIfAvailable());
    }

    @Override
    public void close() {
        context.close();
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgresServer server) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                System.err.println("billrun: warning: the embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
