package org.billrun.generate;

/**
 * Builds the firm's master data for a request, section by section in a fixed order: the legal
 * entities, the consultants, the clients, their contracts, the projects, who is staffed where, the rate
 * cards, and the commercial terms that depend on all of these. Each section draws from its own random
 * stream ({@link Rng}), so one section's draws never shift another's.
 */
final class FirmBuilder {

    private final GenerationRequest request;

    FirmBuilder(GenerationRequest request) {
        this.request = request;
    }

    Firm build() {
        Firm f = new Firm(request);
        EntityBuilder.build(f, request.consultants());
        ConsultantBuilder.Leads leads = ConsultantBuilder.build(f);
        ClientBuilder.build(f);
        ContractBuilder.build(f);
        ProjectBuilder.build(f, leads);
        StaffingBuilder.build(f);
        RateCardBuilder.build(f);
        TermsBuilder.build(f);
        return f;
    }
}
