package io.hearth.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * A connector is a plugin: it sees the SPI and its own libraries, nothing of Hearth's insides, so a
 * third party can write one against the SPI jar alone and Hearth can change its insides freely.
 * Checked here over the connectors the server bundles (a plugin built outside this repository
 * cannot even compile against more, since its class loader exposes only the SPI).
 */
@AnalyzeClasses(packages = "io.hearth.connector", importOptions = ImportOption.DoNotIncludeTests.class)
class ConnectorsSeeOnlyTheSpiTest {

    @ArchTest
    static final ArchRule connectorsUseOnlyTheSpi = noClasses()
            .that()
            .resideInAPackage("io.hearth.connector..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.hearth.core..",
                    "io.hearth.server..",
                    "io.hearth.cli..",
                    "io.hearth.proto..",
                    "io.hearth.bench..",
                    "io.grpc..",
                    "com.google.inject..",
                    "org.jooq..")
            .because("connectors see only the SPI");

    @ArchTest
    static final ArchRule theSpiDependsOnNothingOfHearth = noClasses()
            .that()
            .resideInAPackage("io.hearth.connector.spi..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages("io.hearth.connector.spi..", "java..")
            .because("the SPI is the whole contract between Hearth and a plugin: plain Java and nothing else");
}
