package org.billrun.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.billrun.validate.Fixtures.oct;

import java.time.LocalDate;
import org.billrun.validate.Fixtures;
import org.junit.jupiter.api.Test;

class ContractTests {

    private static final MasterData MASTER = Fixtures.master();

    @Test
    void aContractIsInForceFromItsStartDateInclusive() {
        Contract wisla = MASTER.contract("K-WISLA-1");

        assertThat(wisla.inForceOn(oct(4))).isFalse();
        assertThat(wisla.inForceOn(oct(5))).isTrue();
    }

    @Test
    void aContractIsInForceUntilItsEndDateInclusive() {
        Contract bauer2 = MASTER.contract("K-BAUER-2");

        assertThat(bauer2.inForceOn(oct(15))).isTrue();
        assertThat(bauer2.inForceOn(oct(16))).isFalse();
    }

    @Test
    void aContractWithoutEndDateIsOpenEnded() {
        assertThat(MASTER.contract("K-WISLA-1").inForceOn(LocalDate.of(2031, 12, 31))).isTrue();
    }

    @Test
    void onlyTimeAndMaterialsAndNotToExceedBillTimeByTheHour() {
        assertThat(BillingModel.TIME_AND_MATERIALS.billsTimeByTheHour()).isTrue();
        assertThat(BillingModel.NOT_TO_EXCEED.billsTimeByTheHour()).isTrue();
        assertThat(BillingModel.FIXED_FEE.billsTimeByTheHour()).isFalse();
        assertThat(BillingModel.RETAINER.billsTimeByTheHour()).isFalse();
    }
}
