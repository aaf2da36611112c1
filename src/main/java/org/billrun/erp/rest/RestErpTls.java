package org.billrun.erp.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the ERP's API: the JVM's trust store by default, or only the certificates of a PEM file (a
 * private CA, or the ERP's own self-signed certificate). Host names are verified either way.
 */
final class RestErpTls {

    private RestErpTls() {}

    /** A TLS context that trusts exactly the certificates in {@code pemFile}, named by {@code setting} in messages. */
    static SSLContext trusting(Path pemFile, String setting) {
        List<Certificate> certificates;
        try (InputStream in = Files.newInputStream(pemFile)) {
            certificates = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificates of " + setting + " " + pemFile
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException(setting + " " + pemFile + " holds no certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trusted.setCertificateEntry("erp-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with " + pemFile + ": " + e.getMessage(), e);
        }
    }
}
