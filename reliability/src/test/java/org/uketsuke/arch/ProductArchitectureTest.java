package org.uketsuke.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules that span modules, over the main classes of every module at once (each module's own test keeps its
 * inner rules): no package cycle anywhere, smart-card I/O in one package, and the product never reaching into
 * the training or tool parts.
 */
class ProductArchitectureTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke");

    /** The training part (mock backend, virtual cards, demo profile) and the tools: never on the product's path. */
    private static final String[] NOT_IN_THE_PRODUCT = {
        "org.uketsuke.mockbackend..",
        "org.uketsuke.training..",
        "org.uketsuke.tools..",
        "org.uketsuke.reader.sim..",
        "org.uketsuke.cardfront.sim..",
        "org.uketsuke.folders.sim.."
    };

    @Test
    void thereIsNoPackageCycleInAnyModule() {
        slices().matching("org.uketsuke.(**)").should().beFreeOfCycles().check(ALL);
    }

    @Test
    void onlyThePcscPackageTouchesSmartCards() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.uketsuke.reader.pcsc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javax.smartcardio..")
                .check(ALL);
    }

    @Test
    void theProductNeverUsesTheTrainingOrToolParts() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.uketsuke.app..",
                        "org.uketsuke.eligibility..",
                        "org.uketsuke.bridge..",
                        "org.uketsuke.migrations..",
                        "org.uketsuke.reader..",
                        "org.uketsuke.face..",
                        "org.uketsuke.cardfront..")
                .and()
                .resideOutsideOfPackages("org.uketsuke.reader.sim..", "org.uketsuke.cardfront.sim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(NOT_IN_THE_PRODUCT)
                .check(ALL);
    }

    @Test
    void javaFxStaysInTheScreens() {
        noClasses()
                .that()
                // tools.bench.window: the bench's minimal window, the floor the kiosk's cold start is measured against.
                .resideOutsideOfPackages(
                        "org.uketsuke.app.ui..",
                        "org.uketsuke.app.cli..",
                        "org.uketsuke.training..",
                        "org.uketsuke.tools.bench.window..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .check(ALL);
    }

    /**
     * What a module-info would not export: the My Number guard and the TLV codec are the driver's own (the card
     * simulator, which plays the card's side, is the one other user), and the counter's production wiring is reached
     * only through the {@code kiosk} command.
     */
    @Test
    void moduleInternalsAreUsedOnlyInsideTheirModule() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.uketsuke.reader..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.uketsuke.reader.guard..", "org.uketsuke.reader.tlv..")
                .check(ALL);
        noClasses()
                .that()
                .resideOutsideOfPackage("org.uketsuke.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.uketsuke.app.production..")
                .check(ALL);
    }
}
