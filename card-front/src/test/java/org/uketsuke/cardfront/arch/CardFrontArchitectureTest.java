package org.uketsuke.cardfront.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class CardFrontArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.cardfront");

    @Test
    void cardFrontUsesOnlyTheDomainAndTheCameraAndNoUi() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.uketsuke.app..",
                        "org.uketsuke.reader..",
                        "org.uketsuke.bridge..",
                        "org.uketsuke.mockbackend..",
                        "org.uketsuke.face.pipeline..",
                        "javafx..")
                .check(classes);
    }

    @Test
    void onlyTheOcrClassTouchesTess4j() {
        noClasses()
                .that()
                .doNotHaveSimpleName("TesseractOcr")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("net.sourceforge..")
                .check(classes);
    }
}
