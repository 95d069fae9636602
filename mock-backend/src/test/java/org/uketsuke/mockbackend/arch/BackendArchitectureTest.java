package org.uketsuke.mockbackend.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class BackendArchitectureTest {

    @Test
    void theBackendDependsOnlyOnTheDomainAmongOurModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.uketsuke.app..",
                        "org.uketsuke.reader..",
                        "org.uketsuke.bridge..",
                        "org.uketsuke.face..",
                        "javafx..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.uketsuke.mockbackend"));
    }
}
