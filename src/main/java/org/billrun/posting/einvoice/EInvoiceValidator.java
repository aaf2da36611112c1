package org.billrun.posting.einvoice;

import com.helger.diagnostics.error.IError;
import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.en16931.EN16931Validation;
import com.helger.phive.peppol.PeppolValidation2026_05;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Validates an e-invoice with the official rule sets, through phive: the UBL 2.1 schema plus the EN 16931
 * Schematron (CEN release 1.3.16), or plus the EN 16931 and the Peppol BIS Billing 3.0 Schematron
 * (OpenPeppol release 2026.05, BIS Billing 3.0.21). The posting stage runs it before a document leaves, so
 * an invalid one goes to finance instead of being refused by an access point.
 *
 * <p>The first validation of a rule set compiles its XSLT (seconds); later ones reuse it (about 0.1 s).
 * Keep one instance per process and call it from one thread at a time (phive promises no more).
 */
public final class EInvoiceValidator {

    /** The rule sets a document is validated against. */
    public enum RuleSet {
        EN16931(EN16931Validation.VID_UBL_INVOICE_1316, EN16931Validation.VID_UBL_CREDIT_NOTE_1316),
        PEPPOL_BIS3(PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3, PeppolValidation2026_05.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3);

        private final DVRCoordinate invoice;
        private final DVRCoordinate creditNote;

        RuleSet(DVRCoordinate invoice, DVRCoordinate creditNote) {
            this.invoice = invoice;
            this.creditNote = creditNote;
        }
    }

    /** One failed rule: its id (BR-CO-10, PEPPOL-EN16931-R120, or none for a schema error), text and where. */
    public record Finding(String ruleId, String message, String location) {

        @Override
        public String toString() {
            return (ruleId == null ? "" : "[" + ruleId + "] ") + message + (location == null ? "" : " at " + location);
        }
    }

    /** What a rule set found: errors (fatal rules, schema errors) make the document invalid; warnings do not. */
    public record Result(RuleSet ruleSet, List<Finding> errors, List<Finding> warnings) {

        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        /** Whether a rule of this id failed as an error. */
        public boolean failed(String ruleId) {
            return errors.stream().anyMatch(f -> ruleId.equals(f.ruleId()));
        }
    }

    private final ValidationExecutorSetRegistry<IValidationSourceXML> registry = new ValidationExecutorSetRegistry<>();

    public EInvoiceValidator() {
        EN16931Validation.initEN16931(registry);
        PeppolValidation2026_05.init(registry);
    }

    /** Validates UBL bytes against a rule set; an Invoice or a CreditNote, as its root element says. */
    public Result validate(byte[] xml, RuleSet ruleSet) {
        Document document;
        try {
            document = parse(xml);
        } catch (SAXException | IOException e) {
            return new Result(ruleSet, List.of(new Finding(null, "not well-formed XML: " + e.getMessage(), null)), List.of());
        }
        String root = document.getDocumentElement().getLocalName();
        DVRCoordinate id = "CreditNote".equals(root) ? ruleSet.creditNote : ruleSet.invoice;
        IValidationExecutorSet<IValidationSourceXML> executors = registry.getOfID(id);
        ValidationResultList results = ValidationExecutionManager.executeValidation(IValidityDeterminator.createDefault(), executors,
                ValidationSourceXML.create(null, document));
        List<Finding> errors = new ArrayList<>();
        List<Finding> warnings = new ArrayList<>();
        results.forEachFlattened(error -> (error.isError() ? errors : warnings).add(finding(error)));
        return new Result(ruleSet, errors, warnings);
    }

    /**
     * The document as DOM, parsed quietly: a malformed document is a finding, not a logged stack trace (the
     * JDK parser's default handler would print one). No DTDs: an invoice has none.
     */
    private static Document parse(byte[] xml) throws SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    private static Finding finding(IError error) {
        String location = error.getErrorFieldName() != null ? error.getErrorFieldName()
                : error.hasErrorLocation() ? error.getErrorLocation().getAsString() : null;
        return new Finding(error.getErrorID(), error.getErrorText(Locale.ROOT), location);
    }
}
