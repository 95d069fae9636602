package org.uketsuke.face.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class FaceArchitectureTest {

    @Test
    void faceMatchDependsOnNoOtherUketsukeModuleAndNoUi() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.uketsuke.app..",
                        "org.uketsuke.reader..",
                        "org.uketsuke.bridge..",
                        "org.uketsuke.eligibility..",
                        "org.uketsuke.mockbackend..",
                        "javafx..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.uketsuke.face"));
    }
}
