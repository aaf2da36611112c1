package org.billrun.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.billrun.delivery.ChannelChoice.Planned;
import org.junit.jupiter.api.Test;

class ChannelChoiceTests {

    private static final String EMAIL = "ap@acme.example";
    private static final String PEPPOL = "9957:FR40123456789";

    @Test
    void withoutAChannelAClientWithAnAddressIsMailedAsBeforeTheColumnExisted() {
        assertThat(ChannelChoice.plan(null, EMAIL, PEPPOL)).containsExactly(new Planned(DeliveryChannel.EMAIL, EMAIL, null));
        assertThat(ChannelChoice.plan("  ", " " + EMAIL + " ", null)).containsExactly(new Planned(DeliveryChannel.EMAIL, EMAIL, null));
    }

    @Test
    void withoutAChannelOrAnAddressNothingIsDelivered() {
        assertThat(ChannelChoice.plan(null, null, PEPPOL)).isEmpty();
        assertThat(ChannelChoice.plan("", "", null)).isEmpty();
    }

    @Test
    void emailPeppolAndBothPlanTheirChannelsWithTheirRecipients() {
        assertThat(ChannelChoice.plan("email", EMAIL, PEPPOL)).containsExactly(new Planned(DeliveryChannel.EMAIL, EMAIL, null));
        assertThat(ChannelChoice.plan("peppol", EMAIL, PEPPOL)).containsExactly(new Planned(DeliveryChannel.PEPPOL, PEPPOL, null));
        assertThat(ChannelChoice.plan("Both", EMAIL, PEPPOL)).containsExactly(new Planned(DeliveryChannel.EMAIL, EMAIL, null),
                new Planned(DeliveryChannel.PEPPOL, PEPPOL, null));
    }

    @Test
    void aChannelAskedForWithoutItsRecipientIsPlannedWithTheProblemSoThatItShowsAsFailed() {
        List<Planned> both = ChannelChoice.plan("both", null, " ");

        assertThat(both).extracting(Planned::channel).containsExactly(DeliveryChannel.EMAIL, DeliveryChannel.PEPPOL);
        assertThat(both).noneMatch(Planned::possible).allSatisfy(p -> assertThat(p.recipients()).isEmpty());
        assertThat(both.get(0).problem()).contains("no email");
        assertThat(both.get(1).problem()).contains("no peppol_id");
        assertThat(ChannelChoice.plan("email", null, PEPPOL)).singleElement().satisfies(p -> assertThat(p.possible()).isFalse());
    }

    @Test
    void anUnknownChannelIsRefusedByName() {
        assertThatThrownBy(() -> ChannelChoice.plan("fax", EMAIL, PEPPOL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fax'");
    }
}
