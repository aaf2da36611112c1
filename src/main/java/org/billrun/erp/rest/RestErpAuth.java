package org.billrun.erp.rest;

import org.billrun.erp.rest.RestErpSecret.SecretUnavailableException;

/** The Authorization header of a request to the ERP: a fixed bearer token, or an OAuth2 access token. */
interface RestErpAuth {

    /**
     * The header's value.
     *
     * @throws SecretUnavailableException when no credential can be had now (nothing is sent)
     */
    String header();

    /**
     * Called when the ERP answered 401: forgets a cached credential. True when a new one may be accepted,
     * so the request (which the ERP did not carry out) is sent once more.
     */
    boolean renew();

    /** {@code text} with every credential this sends or holds replaced by {@value #REDACTED}. */
    String redact(String text);

    String REDACTED = "[credential removed]";

    /** {@code text} with each of {@code secrets} (nulls and blanks skipped) replaced by {@value #REDACTED}. */
    static String without(String text, String... secrets) {
        String redacted = text;
        for (String secret : secrets) {
            if (redacted != null && secret != null && !secret.isBlank()) {
                redacted = redacted.replace(secret, REDACTED);
            }
        }
        return redacted;
    }

    /** A bearer token that stays what it is (its file is read again at each request). */
    static RestErpAuth bearer(RestErpSecret token) {
        return new RestErpAuth() {
            @Override
            public String header() {
                return "Bearer " + token.value();
            }

            @Override
            public boolean renew() {
                return false;
            }

            @Override
            public String redact(String text) {
                return without(text, token.valueOrNull());
            }
        };
    }
}
