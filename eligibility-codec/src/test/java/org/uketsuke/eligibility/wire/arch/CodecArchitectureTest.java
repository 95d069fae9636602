package org.uketsuke.eligibility.wire.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The codec reads and writes bytes only: the JDK's XML stack and the domain, no transport and no other module. */
class CodecArchitectureTest {

    private static final JavaClasses CODEC = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.uketsuke.eligibility.wire");

    @Test
    void theCodecDependsOnTheJdkXmlStackAndTheDomainOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "javax.xml..",
                        "org.w3c.dom..",
                        "org.xml.sax..",
                        "org.uketsuke.eligibility",
                        "org.uketsuke.eligibility.medical",
                        "org.uketsuke.eligibility.wire..")
                .check(CODEC);
    }
}
