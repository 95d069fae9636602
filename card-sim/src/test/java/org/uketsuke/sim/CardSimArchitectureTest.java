package org.uketsuke.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.uketsuke.reader.api.ApduTransport;

/** The virtual cards' rules: same guard as the real transports, and no UI. */
class CardSimArchitectureTest {

    private static final JavaClasses SIMULATORS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.reader.sim", "org.uketsuke.cardfront.sim");

    @Test
    void virtualCardTransportsAreOnlyHandedOutThroughTheirGuardedFactory() {
        constructors()
                .that()
                .areDeclaredInClassesThat()
                .implement(ApduTransport.class)
                .should()
                .notBePublic()
                .check(SIMULATORS);
    }

    @Test
    void theSimulatorsUseNoUiAndNoApp() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.uketsuke.app..", "org.uketsuke.mockbackend..", "javafx..")
                .check(SIMULATORS);
    }
}
