package org.billrun.erp.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A secret for the ERP's API (the bearer token, or the OAuth2 client secret): an environment variable,
 * else the first line of a file only its owner may read. Never an argument (it would show in {@code ps}),
 * never in a log line or a message. Read at each use, so a rotated file is picked up without a restart.
 */
final class RestErpSecret {

    static final String TOKEN_VARIABLE = "BILLRUN_ERP_TOKEN";
    static final String CLIENT_SECRET_VARIABLE = "BILLRUN_ERP_CLIENT_SECRET";

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String what;
    private final String fromEnvironment;
    private final Path file;

    private RestErpSecret(String what, Map<String, String> environment, String variable, Path file, String fileSetting) {
        String value = environment.get(variable);
        this.what = what;
        this.fromEnvironment = value == null || value.isBlank() ? null : value.strip();
        this.file = file;
        if (fromEnvironment == null && file == null) {
            throw new IllegalStateException("the REST ERP adapter needs " + what + ": set the environment variable " + variable
                    + " or " + fileSetting + " (a file readable by its owner only)");
        }
    }

    /**
     * Where one ERP's secrets come from: the variables BILLRUN_ERP_TOKEN and BILLRUN_ERP_CLIENT_SECRET for the
     * default ERP, BILLRUN_ERP_TOKEN_DE01 and BILLRUN_ERP_CLIENT_SECRET_DE01 for the ERP of entity DE01; else
     * the files the settings under {@code settingPrefix} name. An entity's ERP never gets the default's secret:
     * that would hand one ERP's credential to another.
     */
    record Sources(Map<String, String> environment, String tokenVariable, String clientSecretVariable, String settingPrefix) {

        static Sources forDefault(Map<String, String> environment) {
            return new Sources(environment, TOKEN_VARIABLE, CLIENT_SECRET_VARIABLE, "billrun.erp.rest");
        }

        static Sources forEntity(Map<String, String> environment, String entityId, String settingPrefix) {
            String suffix = "_" + variableSuffix(entityId);
            return new Sources(environment, TOKEN_VARIABLE + suffix, CLIENT_SECRET_VARIABLE + suffix, settingPrefix);
        }

        /** An entity id as it appears in a variable's name: upper case, every other character than A-Z and 0-9 an underscore. */
        static String variableSuffix(String entityId) {
            return entityId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }

        RestErpSecret token(Path file) {
            return new RestErpSecret("a token", environment, tokenVariable, file, settingPrefix + ".token-file");
        }

        RestErpSecret clientSecret(Path file) {
            return new RestErpSecret("an OAuth2 client secret", environment, clientSecretVariable, file,
                    settingPrefix + ".oauth2.client-secret-file");
        }
    }

    /** The secret; a {@link SecretUnavailableException} naming the file (never its content) when it cannot be read. */
    String value() {
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new SecretUnavailableException("the ERP " + noun() + " file " + file + " is open to others ("
                            + PosixFilePermissions.toString(permissions) + "); make it readable by its owner only: chmod 600 "
                            + file);
                }
            }
            String firstLine = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (firstLine.isEmpty()) {
                throw new SecretUnavailableException("the ERP " + noun() + " file " + file + " is empty");
            }
            return firstLine;
        } catch (IOException e) {
            throw new SecretUnavailableException("cannot read the ERP " + noun() + " file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The secret, or null when it cannot be read now: for taking it out of a text, where a failure must not matter. */
    String valueOrNull() {
        try {
            return value();
        } catch (SecretUnavailableException unreadable) {
            return null;
        }
    }

    private String noun() {
        return what.substring(what.indexOf(' ') + 1);
    }

    /** The secret (or the access token it buys) cannot be had: nothing was sent to the ERP. */
    static final class SecretUnavailableException extends RuntimeException {
        SecretUnavailableException(String message) {
            super(message);
        }
    }
}
