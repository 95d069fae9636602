package org.uketsuke.bridge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class BridgeArchitectureTest {

    @Test
    void theBridgeDependsOnlyOnTheDomainAmongOurModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.uketsuke.app..",
                        "org.uketsuke.reader..",
                        "org.uketsuke.mockbackend..",
                        "org.uketsuke.face..",
                        "javafx..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.uketsuke.bridge"));
    }
}
