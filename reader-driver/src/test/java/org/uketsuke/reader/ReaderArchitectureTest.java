package org.uketsuke.reader;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.uketsuke.reader.api.ApduTransport;

/** The driver's dependency rules: only reader.pcsc touches smartcardio; no other module of ours; no JavaFX. */
class ReaderArchitectureTest {

    private static final JavaClasses DRIVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.reader");

    @Test
    void onlyThePcscPackageImportsSmartcardio() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.uketsuke.reader.pcsc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("javax.smartcardio..")
                .check(DRIVER);
    }

    @Test
    void theDriverDependsOnNoOtherUketsukeModule() {
        noClasses()
                .should()
                .dependOnClassesThat(
                        resideInAPackage("org.uketsuke..").and(resideOutsideOfPackage("org.uketsuke.reader..")))
                .check(DRIVER);
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(DRIVER);
    }

    @Test
    void cardTransportsAreOnlyHandedOutThroughTheirGuardedFactories() {
        constructors()
                .that()
                .areDeclaredInClassesThat()
                .implement(ApduTransport.class)
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("org.uketsuke.reader.pcsc..")
                .should()
                .notBePublic()
                .check(DRIVER);
    }
}
