package org.billrun.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate it signed for 127.0.0.1 and
 * localhost, made with the JDK's keytool (always there, unlike openssl), in PEM files PostgreSQL reads.
 */
public final class TestCertificates {

    public record ServerPki(Path caCertificate, Path serverCertificate, Path serverKey) {}

    private static final String STORE_PASSWORD = "test-only";

    private TestCertificates() {}

    public static ServerPki create(Path dir, String caName) throws Exception {
        Files.createDirectories(dir);
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path request = dir.resolve("server.csr");
        Path caPem = dir.resolve("ca.pem");
        Path serverPem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + caName,
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", server.toString());
        keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-file", request.toString());
        keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", request.toString(), "-outfile", serverPem.toString(),
                "-rfc", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2");
        keytool("-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-rfc", "-file", caPem.toString());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", STORE_PASSWORD.toCharArray());
        Path keyPem = dir.resolve("server.key");
        Files.createFile(keyPem, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new ServerPki(caPem, serverPem, keyPem);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
        if (!args[0].equals("-exportcert")) {
            command.addAll(List.of("-keypass", STORE_PASSWORD));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
