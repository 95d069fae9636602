package org.uketsuke.eligibility.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DomainArchitectureTest {

    private static final JavaClasses ELIGIBILITY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.eligibility");

    @Test
    void theDomainDependsOnNoOtherModuleAndNoUi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.uketsuke.app..", "org.uketsuke.reader..", "org.uketsuke.bridge..",
                        "org.uketsuke.mockbackend..", "org.uketsuke.face..", "javafx..", "javax.smartcardio..")
                .check(ELIGIBILITY);
    }

    @Test
    void valueTypesKnowNothingOfTheWireOrHttp() {
        noClasses().that().resideInAPackage("org.uketsuke.eligibility")
                .and().haveNameNotMatching(".*\\.HttpsEligibilityClient.*")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "org.uketsuke.eligibility.wire..", "org.w3c..")
                .check(ELIGIBILITY);
    }
}
