package io.hearth.core.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The shape of core (see core/README.md): domain packages hold records, rules and store ports in
 * plain Java; {@code app} holds the use cases, which reach the database only through ports;
 * {@code persistence} implements the ports with jOOQ; the root package wires it all
 * ({@code HearthCore}). These rules fail the build when an import breaks that shape.
 */
@AnalyzeClasses(packages = "io.hearth.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreShapeTest {
    /** Where rules and use cases live: nothing here knows how, or in what, data is stored. */
    private static final String[] DOMAIN_AND_USE_CASES = {
        "io.hearth.core.app..",
        "io.hearth.core.auth..",
        "io.hearth.core.contact..",
        "io.hearth.core.dedup..",
        "io.hearth.core.error..",
        "io.hearth.core.lead..",
        "io.hearth.core.opportunity..",
        "io.hearth.core.person..",
        "io.hearth.core.priority..",
        "io.hearth.core.query..",
        "io.hearth.core.queue..",
        "io.hearth.core.resource..",
        "io.hearth.core.sync..",
        "io.hearth.core.team..",
        "io.hearth.core.touch..",
        "io.hearth.core.upkeep.."
    };

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.hearth.core.(*)..")
            .should()
            .beFreeOfCycles()
            .because("a package cycle means two packages can only change together");

    @ArchTest
    static final ArchRule domainKnowsNoStorage = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN_AND_USE_CASES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.hearth.core.persistence..",
                    "org.jooq..",
                    "java.sql..",
                    "javax.sql..",
                    "com.zaxxer..",
                    "org.flywaydb..")
            .because("the domain and the use cases reach the database through ports (stores, Transactor)");

    @ArchTest
    static final ArchRule domainKnowsNoUseCase = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.hearth.core.auth..",
                    "io.hearth.core.contact..",
                    "io.hearth.core.dedup..",
                    "io.hearth.core.error..",
                    "io.hearth.core.lead..",
                    "io.hearth.core.opportunity..",
                    "io.hearth.core.person..",
                    "io.hearth.core.priority..",
                    "io.hearth.core.query..",
                    "io.hearth.core.queue..",
                    "io.hearth.core.resource..",
                    "io.hearth.core.sync..",
                    "io.hearth.core.team..",
                    "io.hearth.core.touch..",
                    "io.hearth.core.upkeep..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.hearth.core.app..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("io.hearth.core.HearthCore")
            .because("use cases orchestrate the domain, never the other way round");

    @ArchTest
    static final ArchRule storageImplementsPortsOnly = noClasses()
            .that()
            .resideInAPackage("io.hearth.core.persistence..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.hearth.core.app..")
                    .and(not(type(io.hearth.core.app.Transactor.class)))
                    .and(not(type(io.hearth.core.app.DatabaseBackup.class))))
            .because("persistence implements the ports; it never calls a use case");

    @ArchTest
    static final ArchRule coreKnowsNoTransport = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.grpc..",
                    "com.google.inject..",
                    "com.google.protobuf..",
                    "io.hearth.server..",
                    "io.hearth.proto..",
                    "io.hearth.api..")
            .because("core is plain Java: the server maps protobuf to it at its edge");
}
