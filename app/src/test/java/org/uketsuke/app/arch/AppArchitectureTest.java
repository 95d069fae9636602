package org.uketsuke.app.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.EligibilityClient;

/** The layer rules of the app, executable: the flow is pure, views stay thin, smart-card I/O stays in the driver. */
class AppArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.app");

    /** The flow speaks the domain's language (consents, 照合番号B, the confirmed qualification) and nothing else. */
    @Test
    void theVisitFlowIsPlainJavaOverTheDomain() {
        classes()
                .that()
                .resideInAPackage("org.uketsuke.app.flow..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "org.uketsuke.app.flow..",
                        "org.uketsuke.eligibility",
                        "java.lang..",
                        "java.util..",
                        "java.time..")
                .check(APP);
    }

    /** The domain package still holds the HTTP client until it moves to a module of its own. */
    @Test
    void theVisitFlowNeverTalksToTheBackend() {
        noClasses()
                .that()
                .resideInAPackage("org.uketsuke.app.flow..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(EligibilityClient.class)
                .check(APP);
    }

    @Test
    void onlyTheUiPackageTouchesJavaFx() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.uketsuke.app.ui..", "org.uketsuke.app.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javafx..")
                .check(APP);
    }

    /**
     * View models hold state the views bind to and are tested as plain JUnit: JavaFX properties and collections, yes;
     * scene-graph, toolkit or OpenCV types, no (pictures are {@code PreviewPicture}s, the views make the images).
     */
    @Test
    void viewModelsHoldNoSceneGraphOrOpenCvTypes() {
        noClasses()
                .that()
                .resideInAPackage("org.uketsuke.app.ui..")
                .and()
                .haveSimpleNameEndingWith("Model")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx.scene..", "javafx.application..", "javafx.embed..", "javafx.stage..", "org.opencv..")
                .check(APP);
    }

    @Test
    void theAppNeverTalksToSmartCardsDirectly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javax.smartcardio..")
                .check(APP);
    }

    /**
     * The mock backend and the virtual cards are the training package's simulators; the product only knows the
     * eligibility client and the card slot.
     */
    @Test
    void theProductKnowsNoSimulator() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.uketsuke.mockbackend..", "org.uketsuke.reader.sim..", "org.uketsuke.cardfront.sim..")
                .check(APP);
    }

    /** The windows get the terminal's narrow services, never the terminal or its assembly. */
    @Test
    void theWindowsSeeOnlyTheScreenServices() {
        noClasses()
                .that()
                .resideInAPackage("org.uketsuke.app.ui..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.uketsuke.app.production.ProductionTerminal")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.uketsuke.app.terminal.Terminal")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.uketsuke.app.terminal.Closer")
                .check(APP);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.uketsuke.app.(*)..").should().beFreeOfCycles().check(APP);
    }
}
