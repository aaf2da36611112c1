package org.billrun.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.billrun.billing.MasterData;
import org.billrun.billing.OwnerRole;
import org.junit.jupiter.api.Test;

class OwnersTests {

    private static final MasterData MASTER = Fixtures.master();

    @Test
    void theConsultantOwnsWhatTheyRecorded() {
        assertThat(Owners.of(OwnerRole.CONSULTANT, "E-007", "P-ACME-ERP", MASTER, Fixtures.policy())).isEqualTo("E-007");
    }

    @Test
    void theProjectManagerOwnsWorkOnTheirProject() {
        assertThat(Owners.of(OwnerRole.PROJECT_MANAGER, "E-109", "P-KESTREL-POS", MASTER, Fixtures.policy())).isEqualTo("E-103");
    }

    @Test
    void onAnUnknownProjectTheConsultantsManagerOwnsIt() {
        assertThat(Owners.of(OwnerRole.PROJECT_MANAGER, "E-007", "P-ACME-DATA", MASTER, Fixtures.policy())).isEqualTo("E-004");
    }

    @Test
    void nobodyOwnsItWhenNeitherProjectNorManagerIsKnown() {
        assertThat(Owners.of(OwnerRole.PROJECT_MANAGER, "E-016", "P-ACME-DATA", MASTER, Fixtures.policy())).isNull();
        assertThat(Owners.of(OwnerRole.PROJECT_MANAGER, "E-101", "P-ACME-DATA", MASTER, Fixtures.policy())).as("a partner without manager").isNull();
    }

    @Test
    void financeIsWhomeverThePolicyNames() {
        assertThat(Owners.of(OwnerRole.FINANCE, "E-007", "P-ACME-ERP", MASTER, Fixtures.policyWithFinanceOwner("finance-ar@northwind.example")))
                .isEqualTo("finance-ar@northwind.example");
        assertThat(Owners.of(OwnerRole.FINANCE, "E-007", "P-ACME-ERP", MASTER, Fixtures.policy())).isNull();
    }
}
