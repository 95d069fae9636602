package org.uketsuke.reader;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ReaderArchitectureTest {

    private static final JavaClasses DRIVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.reader");

    @Test
    void onlyThePcscPackageImportsSmartcardio() {
        noClasses().that().resideOutsideOfPackage("org.uketsuke.reader.pcsc..")
                .should().dependOnClassesThat().resideInAPackage("javax.smartcardio..")
                .check(DRIVER);
    }

    @Test
    void theDriverDependsOnNoOtherUketsukeModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.uketsuke.app..", "org.uketsuke.eligibility..", "org.uketsuke.bridge..",
                        "org.uketsuke.mockbackend..", "org.uketsuke.face..", "javafx..")
                .check(DRIVER);
    }
}
