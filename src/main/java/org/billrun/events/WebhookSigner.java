package org.billrun.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature: HMAC-SHA256 over the request body's bytes with the shared secret, sent as
 * {@code X-Billrun-Signature: sha256=<lower-case hex>}. A receiver recomputes it over the body it got and
 * compares in constant time (docs/events.md, "Webhook").
 */
public final class WebhookSigner {

    public static final String HEADER = "X-Billrun-Signature";

    private final byte[] secret;

    public WebhookSigner(byte[] secret) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        this.secret = secret.clone();
    }

    /** The header's value for {@code body}. */
    public String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[secret hidden]";
    }
}
