package org.billrun.erp.tryton;

import org.billrun.erp.tryton.TrytonRetryableException.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Maps the {@code error} of a JSON-RPC answer to an exception. Tryton sends its own exceptions as
 * {@code [name, args]} (e.g. {@code ["UserError", [message, description, domain]]}) and any other server
 * exception as {@code [str(exception), traceback]}. Either way it rolled the call's transaction back.
 */
final class TrytonErrors {

    private static final Logger log = LoggerFactory.getLogger(TrytonErrors.class);

    private TrytonErrors() {}

    static TrytonException from(String method, JsonNode error) {
        String kind = error.path(0).asString("");
        JsonNode args = error.path(1);
        return switch (kind) {
            case "UserError" -> new TrytonPermanentException(method,
                    withDescription(args.path(0).asString(""), args.path(1).asString("")));
            case "UserWarning" -> new TrytonWarningException(method, args.path(0).asString(""),
                    withDescription(args.path(1).asString(""), args.path(2).asString("")));
            case "LoginException" -> new TrytonPermanentException(method,
                    "the login needs more than a password: " + args.path(1).asString(""));
            case "ConcurrencyException" -> new TrytonRetryableException(method, Outcome.NOT_APPLIED,
                    "a record changed while the call ran: " + args.asString(""), null);
            case "RateLimitException" -> new TrytonRetryableException(method, Outcome.NOT_APPLIED,
                    "too many requests", null);
            default -> serverFailure(method, kind);
        };
    }

    /**
     * An exception Tryton did not raise on purpose: a programming error, or a database still locked after
     * Tryton's own retries. Its traceback stays out of the message (and the log): the first line says enough.
     */
    private static TrytonException serverFailure(String method, String exceptionText) {
        String firstLine = exceptionText.lines().findFirst().orElse("(no message)");
        log.warn("Tryton failed on the server in {}: {}", method, firstLine);
        return new TrytonRetryableException(method, Outcome.NOT_APPLIED, "the server failed: " + firstLine, null);
    }

    private static String withDescription(String message, String description) {
        return description.isBlank() ? message : message + " (" + description + ")";
    }
}
