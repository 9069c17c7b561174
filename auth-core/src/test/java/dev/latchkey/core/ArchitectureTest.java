package dev.latchkey.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shape the house style promises: a domain of plain Java, ports and use cases free of adapters,
 * a core free of the edges.
 */
@AnalyzeClasses(packages = "dev.latchkey.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnlyOnTheJdk = classes()
            .that().resideInAPackage("dev.latchkey.core.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.latchkey.core.domain..");

    @ArchTest
    static final ArchRule domainAndPortsKnowNoAdapter = noClasses()
            .that().resideInAnyPackage("dev.latchkey.core.domain..", "dev.latchkey.core.port..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.latchkey.core.memory..", "dev.latchkey.core.crypto..", "dev.latchkey.core.cache..");

    /**
     * Use cases work on ports only. {@link Latchkey}, the builder, is the one exception: it is where
     * an embedder gets working defaults, so it alone may name the in-memory and library adapters.
     */
    @ArchTest
    static final ArchRule useCasesKnowNoAdapter = noClasses()
            .that().resideInAPackage("dev.latchkey.core")
            .and().doNotBelongToAnyOf(Latchkey.class)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.latchkey.core.memory..", "dev.latchkey.core.crypto..", "dev.latchkey.core.cache..");

    @ArchTest
    static final ArchRule coreKnowsNoOuterModule = noClasses()
            .that().resideInAPackage("dev.latchkey.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.latchkey.jdbi..", "dev.latchkey.http..", "dev.latchkey.app..");

    @ArchTest
    static final ArchRule coreUsesNoNativeCodeAndNoOtherCryptoProvider = noClasses()
            .that().resideInAPackage("dev.latchkey.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.sun.jna..", "com.amazon..", "software.amazon..", "org.bouncycastle..",
                    "com.google.crypto.tink..", "com.nimbusds.jose.crypto.bc..")
            .because("an embedder gets nothing native and no crypto provider it did not ask for");

    @ArchTest
    static final ArchRule noVagueClassNames = noClasses()
            .should().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Util")
            .orShould().haveSimpleNameEndingWith("Utils")
            .orShould().haveSimpleNameEndingWith("Impl");
}
