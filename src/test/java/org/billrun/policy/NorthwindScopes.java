package org.billrun.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.billrun.billing.BillingModel;
import org.billrun.billing.Client;
import org.billrun.billing.Contract;
import org.billrun.billing.FxTable;
import org.billrun.billing.LegalEntity;
import org.billrun.billing.MasterData;
import org.billrun.billing.Project;
import org.billrun.billing.RateBook;

/** A slice of the sample firm: two German contracts and a US one, and a project whose contract is missing. */
final class NorthwindScopes {

    private NorthwindScopes() {}

    static PolicyScopes northwind() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        List<Contract> contracts = List.of(
                contract("K-ACME-1", "C-ACME", "DE01", BillingModel.TIME_AND_MATERIALS, start),
                contract("K-BAUER-1", "C-BAUER", "DE01", BillingModel.RETAINER, start),
                contract("K-HUDSON-1", "C-HUDSON", "US01", BillingModel.NOT_TO_EXCEED, start));
        List<Project> projects = List.of(
                new Project(null, "P-ACME-ERP", "K-ACME-1", "C-ACME", "ERP", true, "E-009", true),
                new Project(null, "P-BAUER-RET", "K-BAUER-1", "C-BAUER", "Retainer", true, "E-002", true),
                new Project(null, "P-HUDSON", "K-HUDSON-1", "C-HUDSON", "Hudson", true, "E-020", true),
                new Project(null, "P-ORPHAN", "K-GONE", "C-ACME", "Orphan", true, "E-009", true));
        List<Client> clients = List.of(new Client("C-ACME", "Acme", "FR", "EUR", true, null),
                new Client("C-BAUER", "Bauer", "DE", "EUR", true, null), new Client("C-HUDSON", "Hudson", "US", "USD", true, null));
        MasterData master = new MasterData(MasterData.index(clients, Client::clientId), MasterData.index(contracts, Contract::contractId),
                MasterData.index(projects, Project::projectId), Map.of(), Map.of(), Map.of(), List.of(), List.of(),
                new RateBook(List.of()), new FxTable(List.of(), 7));
        Map<String, LegalEntity> entities = Map.of(
                "DE01", new LegalEntity("DE01", "Northwind GmbH", "DE", "EUR", "DE811111111", "Berlin", "NWDE"),
                "US01", new LegalEntity("US01", "Northwind Inc.", "US", "USD", null, "New York", "NWUS"));
        return new PolicyScopes(master, entities);
    }

    private static Contract contract(String id, String client, String entity, BillingModel model, LocalDate start) {
        return new Contract(null, id, client, entity, model, "EUR", start, null, null, null, null, null, null);
    }
}
