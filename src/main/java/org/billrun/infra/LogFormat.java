package org.billrun.infra;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * How billrun writes its logs to stderr: text for people, or JSON lines (Elastic Common Schema, by
 * Spring Boot's structured logging) for log shippers. logback.xml picks the appender named by
 * {@link #VARIABLE}; this class sets it and configures logback again, since logback configured itself
 * from logback.xml when the first logger was created, before the command line was read.
 */
public enum LogFormat {
    TEXT, JSON;

    /** System property, or environment variable, that logback.xml reads. */
    public static final String VARIABLE = "BILLRUN_LOG_FORMAT";

    /** The option's value, else $BILLRUN_LOG_FORMAT, else text (also for a value it does not know). */
    public static LogFormat resolve(LogFormat option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        return "json".equalsIgnoreCase(env.getOrDefault(VARIABLE, "").strip()) ? JSON : TEXT;
    }

    public void apply() {
        // first let logback configure itself as it would (text), then set the variable and configure it again
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        System.setProperty(VARIABLE, name().toLowerCase(Locale.ROOT));
        URL configuration = LogFormat.class.getResource("/logback.xml");
        context.reset();
        // Spring Boot's JSON encoder reads its settings from a Spring Environment; until Spring starts and
        // puts its own there, system properties and the environment variables stand in
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + configuration + ": " + e.getMessage(), e);
        }
    }
}
