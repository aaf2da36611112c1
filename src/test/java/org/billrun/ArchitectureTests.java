package org.billrun;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The direction of dependencies (DESIGN.md, "Layout"): cli → the run orchestrator → stages → shared,
 * never upward and without cycles. The stages are named here, those to come included, so a new stage
 * package is held to the rules from its first class on.
 */
class ArchitectureTests {

    /** Every stage, present and coming: each owns its job or service, its tables' SQL and its domain logic. */
    static final List<String> STAGES = List.of("ingest", "validate", "draft", "report", "approval", "posting", "erp", "events", "credit", "delivery",
            "disputes");

    /**
     * Shared concepts every stage may use: money, rates, tax, states, policy, the database, the audit log, master data,
     * and the assistance for reviewers (drafting routes by its risk score, credits classify disputes with it).
     */
    static final List<String> SHARED = List.of("billing", "policy", "infra", "audit", "masterdata", "assist");

    static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.billrun");

    @Test
    void dependenciesPointFromTheCliThroughTheRunAndTheStagesDownToTheSharedPackages() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true)
                .layer("application").definedBy("org.billrun")
                .layer("cli").definedBy("org.billrun.cli..")
                // metrics observe whole runs, as the orchestrator does; retention (billrun purge) works on every stage's tables like it
                .layer("run").definedBy("org.billrun.run..", "org.billrun.metrics..", "org.billrun.retention..")
                .layer("tools").definedBy("org.billrun.generate..")
                .layer("stages").definedBy(packages(STAGES))
                .layer("shared").definedBy(packages(SHARED))
                // the cli starts the Spring context from the application class, which hands the command line to the cli
                .whereLayer("application").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("application")
                .whereLayer("run").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("tools").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("stages").mayOnlyBeAccessedByLayers("cli", "run", "tools", "stages")
                .whereLayer("shared").mayOnlyBeAccessedByLayers("cli", "run", "tools", "stages", "shared")
                .check(PRODUCTION);
    }

    @Test
    void aStageUsesAnotherStageOnlyThroughThatStagesQueryClassOrPort() {
        classes().that().resideInAnyPackage(packages(STAGES))
                .should(useAnotherStageOnlyThroughItsQueryClass())
                .check(PRODUCTION);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.billrun.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void theSharedDomainAndTheAssistanceUseNeitherSpringNorJdbc() {
        noClasses().that().resideInAnyPackage("org.billrun.billing..", "org.billrun.policy..", "org.billrun.assist..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..")
                .check(PRODUCTION);
    }

    private static String[] packages(List<String> names) {
        return names.stream().map(name -> "org.billrun." + name + "..").toArray(String[]::new);
    }

    private static Optional<String> stageOf(JavaClass type) {
        String name = type.getPackageName();
        return STAGES.stream().filter(stage -> name.equals("org.billrun." + stage) || name.startsWith("org.billrun." + stage + "."))
                .findFirst();
    }

    /** A stage's query class: its name ends in "Queries" (a type nested in one, such as a row record, counts too). */
    private static boolean isQueryClass(JavaClass type) {
        JavaClass outermost = type;
        while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
        }
        return outermost.getSimpleName().endsWith("Queries");
    }

    /**
     * A stage's port: the package {@code org.billrun.<stage>.port}, the contract that other stages implement
     * or call (the ERP adapters implement the posting stage's {@code ErpAdapter}).
     */
    private static boolean isInPort(JavaClass type) {
        return stageOf(type).map(stage -> type.getPackageName().equals("org.billrun." + stage + ".port")).orElse(false);
    }

    private static ArchCondition<JavaClass> useAnotherStageOnlyThroughItsQueryClass() {
        return new ArchCondition<>("use another stage only through its query class or its port") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = stageOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Optional<String> other = stageOf(target);
                    if (other.isPresent() && !other.equals(own) && !isQueryClass(target) && !isInPort(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
