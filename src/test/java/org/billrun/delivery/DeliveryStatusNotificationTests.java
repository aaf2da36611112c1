package org.billrun.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.billrun.delivery.DeliveryStatusNotification.NotADsnException;
import org.billrun.delivery.DeliveryStatusNotification.RecipientStatus;
import org.junit.jupiter.api.Test;

/** Bounces as Postfix and Exchange Online write them (src/test/resources/delivery/bounces). */
class DeliveryStatusNotificationTests {

    static final String POSTFIX = "postfix-user-unknown.eml";
    static final String EXCHANGE = "exchange-recipient-not-found.eml";

    static String sample(String name) throws IOException {
        try (InputStream in = DeliveryStatusNotificationTests.class.getResourceAsStream("/delivery/bounces/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static DeliveryStatusNotification parse(String eml) throws NotADsnException {
        return DeliveryStatusNotification.parse(eml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPostfixBounceNamesTheReturnedMessagesIdTheRecipientItsStatusAndTheUnfoldedDiagnostic() throws Exception {
        DeliveryStatusNotification dsn = parse(sample(POSTFIX));

        assertThat(dsn.originalMessageId()).isEqualTo("<1796619728.7.1796619728000@billrun-host>");
        assertThat(dsn.key()).isEqualTo("<20261207050211.4F1A2B3C4D@mail.northwind.example>");
        assertThat(dsn.recipients()).containsExactly(new RecipientStatus("rechnungseingang@bauer-maschinenbau.example", "failed", "5.1.1",
                "smtp; 550 5.1.1 <rechnungseingang@bauer-maschinenbau.example>: Recipient address rejected: User unknown in virtual mailbox table"));
        assertThat(dsn.bounce()).isTrue();
        assertThat(dsn.diagnostic()).isEqualTo("failed for rechnungseingang@bauer-maschinenbau.example (5.1.1): smtp; 550 5.1.1"
                + " <rechnungseingang@bauer-maschinenbau.example>: Recipient address rejected: User unknown in virtual mailbox table");
    }

    @Test
    void anExchangeBounceIsMatchedByItsReturnedHeadersBesideItsHtmlAndTextParts() throws Exception {
        DeliveryStatusNotification dsn = parse(sample(EXCHANGE));

        assertThat(dsn.originalMessageId()).isEqualTo("<1796619729.9.1796619729000@billrun-host>");
        assertThat(dsn.key()).isEqualTo("<0c1f2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f@AM0PR01MB1234.eurprd01.prod.exchangelabs.com>");
        assertThat(dsn.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("crediteuren@vandam.example");
            assertThat(r.status()).isEqualTo("5.1.10");
            assertThat(r.diagnostic()).isEqualTo("smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient crediteuren@vandam.example"
                    + " not found by SMTP address lookup");
        });
        assertThat(dsn.bounce()).isTrue();
    }

    @Test
    void withoutReturnedHeadersTheOriginalMessageIdComesFromTheReportElseFromInReplyTo() throws Exception {
        String exchange = sample(EXCHANGE);
        String withoutHeaders = exchange.substring(0, exchange.indexOf("--b5ce2d2f-6a3e-4f0b-9c4e-0c2e3b1f7a11\r\nContent-Type: text/rfc822-headers"))
                + "--b5ce2d2f-6a3e-4f0b-9c4e-0c2e3b1f7a11--\r\n";

        assertThat(parse(withoutHeaders).originalMessageId()).as("In-Reply-To").isEqualTo("<1796619729.9.1796619729000@billrun-host>");
        assertThat(parse(withoutHeaders.replace("Arrival-Date: Mon, 7 Dec 2026 05:04:10 +0000",
                "Arrival-Date: Mon, 7 Dec 2026 05:04:10 +0000\r\nOriginal-Message-ID: <from-the-report@billrun-host>")).originalMessageId())
                .isEqualTo("<from-the-report@billrun-host>");
        assertThat(parse(withoutHeaders.replaceAll("(?m)^(In-Reply-To|References): .*\r\n", "")).originalMessageId()).isNull();
    }

    @Test
    void aDelayReportIsNoBounce() throws Exception {
        DeliveryStatusNotification delayed = parse(sample(POSTFIX).replace("Action: failed", "Action: delayed").replace("Status: 5.1.1", "Status: 4.4.1"));

        assertThat(delayed.bounce()).isFalse();
        assertThat(delayed.action()).isEqualTo("delayed");
    }

    @Test
    void aNotificationWithoutItsOwnMessageIdIsKnownAgainByItsBytes() throws Exception {
        String withoutId = sample(POSTFIX).replace("Message-Id: <20261207050211.4F1A2B3C4D@mail.northwind.example>\r\n", "");

        assertThat(parse(withoutId).key()).startsWith("sha256:").isEqualTo(parse(withoutId).key())
                .isNotEqualTo(parse(withoutId + "\r\n").key());
    }

    @Test
    void aMailThatIsNoDeliveryStatusNotificationIsRefusedSayingWhy() {
        assertThatThrownBy(() -> parse("From: a@b.example\r\nSubject: hello\r\nContent-Type: text/plain\r\n\r\nhi\r\n"))
                .isInstanceOf(NotADsnException.class).hasMessageContaining("text/plain").hasMessageContaining("report-type=delivery-status");
        assertThatThrownBy(() -> parse("Content-Type: multipart/report; report-type=disposition-notification; boundary=x\r\n\r\n--x\r\n"
                + "Content-Type: text/plain\r\n\r\nread\r\n--x--\r\n"))
                .isInstanceOf(NotADsnException.class).hasMessageContaining("report-type=disposition-notification");
        assertThatThrownBy(() -> parse("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\n"
                + "Content-Type: text/plain\r\n\r\nsorry\r\n--x--\r\n"))
                .isInstanceOf(NotADsnException.class).hasMessageContaining("no message/delivery-status part");
    }
}
