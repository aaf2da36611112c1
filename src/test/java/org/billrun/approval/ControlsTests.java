package org.billrun.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.billrun.approval.ApprovalQueries.Person;
import org.billrun.billing.PersonRole;
import org.junit.jupiter.api.Test;

/** The controls on one approval, without Spring or a database. */
class ControlsTests {

    private static final Person MANAGER = new Person("E-009", "François Lefèvre", null, Set.of(PersonRole.PROJECT_MANAGER),
            Set.of("DE01"), Map.of("EUR", new BigDecimal("150000.00")));

    private static Controls.Request request(Person person, BigDecimal gross, Set<String> preparers, Set<String> approved) {
        return new Controls.Request(person, person.userId(), "2026-10-NWDE-K-ACME-1", "DE01", "EUR", gross, PersonRole.PROJECT_MANAGER,
                "E-009", preparers, approved);
    }

    @Test
    void aProjectManagerWithinTheirLimitAndEntityApproves() {
        assertThat(Controls.refusal(request(MANAGER, new BigDecimal("150000.00"), Set.of("billrun"), Set.of()))).isEmpty();
    }

    @Test
    void nobodyApprovesWhatTheyPreparedOrAdjusted() {
        assertThat(Controls.refusal(request(MANAGER, BigDecimal.TEN, Set.of("billrun", "E-009"), Set.of())))
                .get().asString().contains("E-009 prepared or adjusted");
    }

    @Test
    void anAdministratorActingForSomeoneMayNotApproveWhatTheAdministratorPrepared() {
        Controls.Request r = new Controls.Request(MANAGER, "admin", "D", "DE01", "EUR", BigDecimal.TEN, PersonRole.PROJECT_MANAGER, null,
                Set.of("admin"), Set.of());
        assertThat(Controls.refusal(r)).get().asString().contains("prepared or adjusted");
    }

    @Test
    void onePersonGivesOneApprovalOfAVersion() {
        assertThat(Controls.refusal(request(MANAGER, BigDecimal.TEN, Set.of(), Set.of("E-009")))).get().asString().contains("already approved");
    }

    @Test
    void nobodyApprovesBeyondTheirLimitOrInACurrencyTheyHaveNoLimitFor() {
        assertThat(Controls.refusal(request(MANAGER, new BigDecimal("150000.01"), Set.of(), Set.of())))
                .get().asString().contains("above the approval limit of E-009 (150000.00 EUR)");
        Controls.Request chf = new Controls.Request(MANAGER, "E-009", "D", "DE01", "CHF", BigDecimal.ONE, PersonRole.PROJECT_MANAGER, null,
                Set.of(), Set.of());
        assertThat(Controls.refusal(chf)).get().asString().contains("(none CHF)");
    }

    @Test
    void nobodyApprovesOutsideTheirEntitiesUnlessTheyActForAll() {
        Controls.Request gb = new Controls.Request(MANAGER, "E-009", "D", "GB01", "EUR", BigDecimal.ONE, PersonRole.PROJECT_MANAGER, null,
                Set.of(), Set.of());
        assertThat(Controls.refusal(gb)).get().asString().contains("may not act for entity GB01");
        Person everywhere = new Person("E-001", "H", null, Set.of(PersonRole.PROJECT_MANAGER), Set.of("*"), Map.of("EUR", BigDecimal.TEN));
        assertThat(Controls.refusal(new Controls.Request(everywhere, "E-001", "D", "GB01", "EUR", BigDecimal.ONE, PersonRole.PROJECT_MANAGER,
                null, Set.of(), Set.of()))).isEmpty();
    }

    @Test
    void aStepIsTakenByItsRoleAndByThePersonItWaitsFor() {
        Person finance = new Person("kbusch", "K", null, Set.of(PersonRole.FINANCE), Set.of("DE01"), Map.of("EUR", BigDecimal.TEN));
        assertThat(Controls.refusal(request(finance, BigDecimal.ONE, Set.of(), Set.of()))).get().asString()
                .contains("waits for a project_manager; kbusch does not hold that role");
        Person other = new Person("E-004", "Ł", null, Set.of(PersonRole.PROJECT_MANAGER), Set.of("DE01"), Map.of("EUR", BigDecimal.TEN));
        assertThat(Controls.refusal(request(other, BigDecimal.ONE, Set.of(), Set.of()))).get().asString().contains("waits for E-009");
    }
}
