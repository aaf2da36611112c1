package org.billrun.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.billrun.infra.RefusedException;

/**
 * The secret that signs the audit chain's anchored heads (HMAC-SHA256), kept in a file outside the
 * database. The chain's own hashes are plain SHA-256: a database superuser who edits an entry can
 * recompute every hash after it and rewrite the anchors. Without this key they cannot produce the
 * anchors' HMACs, so {@code billrun audit verify} with the key detects the rebuilt chain.
 */
public final class AuditKey {

    /** Where the key file is when no --audit-key-file option names it. */
    public static final String FILE_ENV = "BILLRUN_AUDIT_KEY_FILE";

    /** 256 bits, the size of the HMAC-SHA256 output: shorter keys are guessable sooner. */
    static final int MIN_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] key;

    AuditKey(byte[] key) {
        if (key.length < MIN_BYTES) {
            throw new RefusedException("the audit key must be at least " + MIN_BYTES + " bytes, not " + key.length
                    + " (make one with: head -c 32 /dev/urandom | base64 > FILE)");
        }
        this.key = key.clone();
    }

    /**
     * The key in {@code file}: its content without the trailing line break. Refused when anyone but
     * its owner may read or change the file, as ssh does with private keys.
     */
    public static AuditKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RefusedException("the audit key file " + file + " does not exist or is not a file");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(OTHERS::contains)) {
                    throw new RefusedException("the audit key file " + file + " can be read or changed by other users (mode "
                            + PosixFilePermissions.toString(permissions) + "); make it owner-only: chmod 600 " + file);
                }
            }
            String content = Files.readString(file, StandardCharsets.UTF_8).stripTrailing();
            return new AuditKey(content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RefusedException("cannot read the audit key file " + file + ": " + e.getMessage());
        }
    }

    /** The HMAC, in hex, of a head: the entry's id and its hash. */
    public String sign(long auditId, String hash) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(("billrun audit head " + auditId + " " + hash).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    /** Whether {@code hmac} is this key's HMAC of the head, compared in constant time. */
    public boolean signed(long auditId, String hash, String hmac) {
        return hmac != null && MessageDigest.isEqual(sign(auditId, hash).getBytes(StandardCharsets.US_ASCII),
                hmac.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "AuditKey[***]";
    }
}
