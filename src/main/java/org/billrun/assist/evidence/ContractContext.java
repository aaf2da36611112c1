package org.billrun.assist.evidence;

import java.util.List;
import java.util.Locale;

/**
 * The contract whose milestones are looked for, and the words that tie a document to it: the
 * contract id, the client's name, its e-mail domain, the purchase order. A document that names a
 * milestone only by a short form ("M7", "milestone 7") counts only when it shows one of these (or
 * comes from the client's domain), so another client's "milestone 7" is not taken for this one.
 */
public record ContractContext(String contractId, String clientDomain, List<String> terms) {

    public ContractContext {
        terms = List.copyOf(terms);
        clientDomain = clientDomain == null ? null : clientDomain.toLowerCase(Locale.ROOT);
    }

    /** Whether an e-mail address belongs to the client: its domain or a subdomain of it. */
    public boolean fromClient(String address) {
        if (clientDomain == null || address == null) {
            return false;
        }
        String a = address.toLowerCase(Locale.ROOT);
        return a.endsWith("@" + clientDomain) || a.endsWith("." + clientDomain);
    }

    /** Whether a text names the contract by one of its terms or the client's domain. */
    public boolean namedIn(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains(contractId.toLowerCase(Locale.ROOT)) || clientDomain != null && t.contains(clientDomain)) {
            return true;
        }
        return terms.stream().anyMatch(term -> !term.isBlank() && t.contains(term.toLowerCase(Locale.ROOT)));
    }
}
