package org.uketsuke.eligibility.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The domain is pure (issue 26): its classes reference only the JDK's {@code java.*} and the domain itself — no
 * codec, no transport, no XML, no logging, no other module. The pom's enforcer rule keeps the dependency tree empty.
 */
class DomainArchitectureTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.eligibility");

    @Test
    void theDomainDependsOnlyOnTheJdkAndItself() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.uketsuke.eligibility", "org.uketsuke.eligibility.medical")
                .check(DOMAIN);
    }

    @Test
    void theDomainHoldsAllItsClasses() {
        // Codec and client live in their own modules; only domain classes are on this module's class path.
        classes()
                .should()
                .resideInAnyPackage("org.uketsuke.eligibility", "org.uketsuke.eligibility.medical")
                .check(DOMAIN);
    }
}
